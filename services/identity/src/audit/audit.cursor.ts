/** Where a page of the audit log ended: the last entry's time (milliseconds, as stored) and id. */
export interface AuditPosition {
  occurredAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque cursor: base64url of `<epoch ms>.<id>`. */
export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(`${position.occurredAt.getTime()}.${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null for anything that is not a cursor this service made. */
export function decodeAuditCursor(cursor: string): AuditPosition | null {
  const match = /^(\d{1,15})\.(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !UUID.test(match[2]!)) return null;
  return { occurredAt: new Date(Number(match[1])), id: match[2]! };
}
