import { z } from 'zod';
import { DomainError, findUnsafeText, issuesInBothLanguages } from '@kc/contracts';

/**
 * Parses `value` with a contract schema; on failure a 400 `VALIDATION_FAILED` whose message
 * names each bad field, in Dutch (the platform default) and English: zod's own words and the
 * schema's own (`bilingual()`) alike.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  const unsafe = findUnsafeText(value);
  if (unsafe !== undefined) {
    throw new DomainError(
      400,
      'VALIDATION_FAILED',
      {
        nl: `Ongeldige invoer (${WHERE.nl[where]}): ${unsafe} bevat een teken dat niet is toegestaan (NUL of ongeldige Unicode).`,
        en: `Invalid input (${WHERE.en[where]}): ${unsafe} contains a character that is not allowed (NUL or invalid Unicode).`,
      },
      { in: where, issues: [{ path: `${where}.${unsafe}`, code: 'invalid_characters' }] },
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { nl: nlIssues, en: enIssues } = issuesInBothLanguages(schema, value, result.error.issues);
  throw new DomainError(
    400,
    'VALIDATION_FAILED',
    { nl: `Ongeldige invoer (${WHERE.nl[where]}): ${summary(nlIssues)}`, en: `Invalid input (${WHERE.en[where]}): ${summary(enIssues)}` },
    { in: where, issues: nlIssues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), code: i.code })) },
  );
}

const WHERE = {
  nl: { body: 'body', query: 'queryparameters', path: 'pad' },
  en: { body: 'body', query: 'query parameters', path: 'path' },
} as const;

function summary(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      if (i.code === 'unrecognized_keys') return i.message;
      const path = i.path.map(String).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/**
 * Query strings carry only strings: a repeated or comma-separated parameter becomes an array
 * where the schema expects one (`types=community,activity`).
 */
export function queryValues(schema: z.ZodType | undefined, query: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = { ...((query as Record<string, unknown>) ?? {}) };
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  for (const [key, field] of Object.entries(shape)) {
    if (typeof values[key] === 'string' && isArraySchema(field)) values[key] = (values[key] as string).split(',').filter(Boolean);
  }
  return values;
}

function isArraySchema(schema: z.ZodType): boolean {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
  if (def.type === 'array') return true;
  return def.innerType ? isArraySchema(def.innerType) : false;
}
