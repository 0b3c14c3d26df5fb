/**
 * Characters no text field may carry: NUL (PostgreSQL cannot store it in text or jsonb) and
 * lone UTF-16 surrogates (not valid Unicode; jsonb refuses them too).
 */
const UNSAFE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const UNSAFE_CHARACTERS = new RegExp(UNSAFE_CHARACTER.source, 'g');

/** The text without NUL and lone surrogates (for data we import rather than refuse). */
export function withoutUnsafeText(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '');
}

export function isUnsafeText(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}

/**
 * The path of the first string (value or key) in a JSON-like value that holds an unsafe
 * character, or undefined. Iterative, so deeply nested input cannot exhaust the stack.
 */
export function findUnsafeText(value: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[value, '']];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (isUnsafeText(current)) return path || '(waarde)';
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => pending.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (isUnsafeText(key)) return itemPath;
        pending.push([item, itemPath]);
      }
    }
  }
  return undefined;
}
