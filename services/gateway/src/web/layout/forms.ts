import { z } from 'zod';
import { DomainError, DUTCH_POSTCODE, safeParseIn } from '@kc/contracts';
import type { Lang } from './i18n';

/** What a person typed into a form, field by field (the CSRF and idempotency fields removed). */
export type FormValues = Record<string, string>;
/** One message per field, in the person's language. */
export type FieldErrors = Record<string, string>;

/** The form's own fields: control fields are `_csrf` and `_idem`. */
export const CSRF_FIELD = '_csrf';
export const IDEMPOTENCY_FIELD = '_idem';

/** A urlencoded body as field → text: the first value of a repeated field, nothing that is not text. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === CSRF_FIELD || name === IDEMPOTENCY_FIELD) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

/** An optional text field: empty means absent. */
export const optionalText = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a form against a contract schema and words every problem for a person: which
 * field, what is wrong, in their language ("Vul ‘Naam’ in."), instead of the schema's
 * technical message. `labels` names the fields as the form shows them.
 */
export function validateForm<S extends z.ZodType>(schema: S, input: unknown, labels: Record<string, string>, lang: Lang): FormResult<z.output<S>> {
  const result = safeParseIn(lang, schema, input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    const key = field in labels ? field : '';
    const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
    errors[key] ??= fieldMessage(issue, labels[field] ?? field, lang, value);
  }
  return { ok: false, errors };
}

type Issue = z.core.$ZodIssue;

/** `input` is what the person gave for the field (zod's issues do not carry it). */
export function fieldMessage(issue: Issue, label: string, lang: Lang, input: unknown): string {
  const nl = lang === 'nl';
  const missing = input === undefined || (typeof input === 'string' && input.trim() === '');
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return nl ? `Vul ‘${label}’ in.` : `Enter ‘${label}’.`;
      if (issue.expected === 'number') return nl ? `Vul bij ‘${label}’ een heel getal in.` : `Enter a whole number in ‘${label}’.`;
      return nl ? `‘${label}’ is ongeldig.` : `‘${label}’ is not valid.`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        if (missing || min <= 1) return nl ? `Vul ‘${label}’ in.` : `Enter ‘${label}’.`;
        return nl ? `‘${label}’ moet minstens ${min} tekens hebben.` : `‘${label}’ must be at least ${min} characters.`;
      }
      return nl ? `‘${label}’ moet minstens ${min} zijn.` : `‘${label}’ must be at least ${min}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return nl ? `‘${label}’ mag hoogstens ${max} tekens hebben.` : `‘${label}’ can have at most ${max} characters.`;
      return nl ? `‘${label}’ mag hoogstens ${max} zijn.` : `‘${label}’ can be at most ${max}.`;
    }
    case 'invalid_format':
      if (missing) return nl ? `Vul ‘${label}’ in.` : `Enter ‘${label}’.`;
      if (issue.format === 'email') return nl ? 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.' : 'Enter a valid e-mail address, like name@example.com.';
      if (issue.format === 'url') return nl ? `Vul bij ‘${label}’ een webadres in dat begint met https://.` : `Enter a web address starting with https:// in ‘${label}’.`;
      if (issue.format === 'datetime') return nl ? `Vul bij ‘${label}’ een bestaande datum en tijd in.` : `Enter a date and time that exists in ‘${label}’.`;
      if (issue.format === 'regex' && issue.pattern === String(DUTCH_POSTCODE)) return nl ? `Vul bij ‘${label}’ een Nederlandse postcode in, zoals 5038 AB.` : `Enter a Dutch postcode in ‘${label}’, like 5038 AB.`;
      if (issue.format === 'regex' && label) return nl ? `‘${label}’ mag alleen kleine letters, cijfers en koppeltekens bevatten.` : `‘${label}’ can only contain lower-case letters, digits and hyphens.`;
      return nl ? `‘${label}’ is ongeldig.` : `‘${label}’ is not valid.`;
    case 'invalid_value':
      return nl ? `Kies een van de mogelijkheden bij ‘${label}’.` : `Choose one of the options for ‘${label}’.`;
    case 'custom':
      return refinementMessage(issue.message, label, nl);
    default:
      return nl ? `‘${label}’ is ongeldig.` : `‘${label}’ is not valid.`;
  }
}

const ZOD_DEFAULT_REFINEMENT_MESSAGES = new Set(['Ongeldige invoer', 'Invalid input']);

/**
 * A refinement's own words (the schema's `bilingual` message, in the parse's language), which
 * say what is wrong with the field: `‘Postcode’ is geen Nederlandse postcode: …`. About the
 * form as a whole (no field), they are a sentence of their own.
 */
function refinementMessage(message: string, label: string, nl: boolean): string {
  const text = message.trim().replace(/\.$/, '');
  // zod's own words (its Dutch and English locale) for a refinement that brought none
  const own = text && !ZOD_DEFAULT_REFINEMENT_MESSAGES.has(text) ? text : undefined;
  if (label) return own ? `‘${label}’ ${own}.` : nl ? `‘${label}’ is ongeldig.` : `‘${label}’ is not valid.`;
  if (own) return `${own[0]!.toUpperCase()}${own.slice(1)}.`;
  return nl ? 'Controleer wat je hebt ingevuld.' : 'Check what you filled in.';
}

/**
 * A service's refusal beside the field it is about (its own message in the person's
 * language), or in the summary (`''`) when it is about the whole form. A validation failure
 * that only the service saw names its fields in `details.issues` (`body.email`).
 */
export function errorsFromService(error: DomainError, lang: Lang, fieldOfCode: Record<string, string> = {}, knownFields: string[] = []): FieldErrors {
  const message = error.messages[lang];
  if (error.code === 'VALIDATION_FAILED') {
    const issues = (error.details as { issues?: { path?: string }[] } | undefined)?.issues ?? [];
    const fields = issues.map((i) => (i.path ?? '').split('.')[1]).filter((f): f is string => !!f && knownFields.includes(f));
    if (fields.length > 0) return Object.fromEntries(fields.map((f) => [f, message]));
  }
  return { [fieldOfCode[error.code] ?? '']: message };
}

/** Errors to show, in form order (the summary's general message first). */
export function orderedErrors(errors: FieldErrors, order: string[]): { field: string; message: string }[] {
  const fields = ['', ...order, ...Object.keys(errors).filter((f) => f !== '' && !order.includes(f))];
  return fields.filter((f) => errors[f] !== undefined).map((field) => ({ field, message: errors[field]! }));
}

/**
 * The errors to show when a service refused a form: its own message, beside the field the
 * code is about. What the person did not cause (a bug, a 500) is not theirs to fix: it is
 * rethrown for the error page.
 */
export function refusalOf(error: unknown, lang: Lang, fieldOfCode: Record<string, string>, fields: string[]): { status: number; errors: FieldErrors } {
  if (!(error instanceof DomainError) || (error.statusCode >= 500 && error.statusCode !== 503 && error.statusCode !== 504)) throw error;
  return { status: error.statusCode, errors: errorsFromService(error, lang, fieldOfCode, fields) };
}
