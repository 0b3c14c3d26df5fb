import type { z } from 'zod';
import { DomainError, issuesInBothLanguages } from '@kc/contracts';

/**
 * A readable 400 for `value` that failed `schema` with `error`: which field, what is wrong, in
 * Dutch and in English (zod's words and the schema's own). `details.issues` carries the Dutch.
 */
export function validationError(schema: z.ZodType, value: unknown, error: z.ZodError): DomainError {
  const worded = issuesInBothLanguages(schema, value, error.issues);
  const issues = worded.nl.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
  return new DomainError(
    400,
    'VALIDATION_FAILED',
    { nl: `Ongeldige invoer: ${summary(worded.nl)}`, en: `Invalid input: ${summary(worded.en)}` },
    { issues },
  );
}

function summary(issues: z.core.$ZodIssue[]): string {
  return issues.slice(0, 5).map((i) => {
    const path = i.path.join('.');
    return path ? `${path}: ${i.message}` : i.message;
  }).join('; ');
}

/** A 400 for text that holds NUL or a lone surrogate at `path`. */
export function unsafeTextError(path: string): DomainError {
  return new DomainError(
    400,
    'VALIDATION_FAILED',
    {
      nl: `Ongeldige invoer: ${path} bevat een teken dat niet is toegestaan (NUL of ongeldige Unicode).`,
      en: `Invalid input: ${path} contains a character that is not allowed (NUL or invalid Unicode).`,
    },
    { issues: [{ path, code: 'invalid_characters' }] },
  );
}
