/** Where a page of the people directory ended: the last person's sort key (their name in lower case) and id. */
export interface PeoplePosition {
  name: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque cursor: base64url of `<id>.<name>`. */
export function encodePeopleCursor(position: PeoplePosition): string {
  return Buffer.from(`${position.id}.${position.name}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null for anything that is not a cursor this service made. */
export function decodePeopleCursor(cursor: string): PeoplePosition | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.slice(0, 36);
  if (!UUID.test(id) || text[36] !== '.') return null;
  return { id, name: text.slice(37) };
}
