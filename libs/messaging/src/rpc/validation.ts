import type { z } from 'zod';
import { DomainError } from '@kc/contracts';

/** A readable 400 from a zod error: which field, what is wrong. */
export function validationError(error: z.ZodError): DomainError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
  const summary = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new DomainError(
    400,
    'VALIDATION_FAILED',
    { nl: `Ongeldige invoer: ${summary}`, en: `Invalid input: ${summary}` },
    { issues },
  );
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
