import { z } from 'zod';

/** Text a person reads, in Dutch (first) and English: what {@link DomainError} carries too. */
export interface Bilingual {
  nl: string;
  en: string;
}
export type Language = keyof Bilingual;

/** The language of the parse under way: Dutch unless {@link safeParseIn} asks for English. */
let wording: Language = 'nl';

/**
 * A schema's own message for what is wrong with a field, in Dutch and English:
 * `z.string().min(1, bilingual({ nl: 'is verplicht', en: 'is required' }))`. Zod words an issue
 * once, while it parses; this gives the words of the parse's language (a plain `{ message }`
 * would stay Dutch in an English answer).
 */
export function bilingual(text: Bilingual): { error: () => string } {
  return { error: () => text[wording] };
}

/** The text in the parse's language, for an issue a refinement adds itself (`ctx.addIssue`). */
export function inParseLanguage(text: Bilingual): string {
  return text[wording];
}

const english = z.locales.en();

/**
 * Parses `value` with `schema`, its issues worded in `language`: zod's own messages in that
 * locale and every {@link bilingual} message in that language. Parsing is synchronous, so the
 * language holds for exactly this parse. A plain `safeParse` words its issues in Dutch when its
 * `error` is first read.
 */
export function safeParseIn<S extends z.ZodType>(language: Language, schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  const previous = wording;
  wording = language;
  try {
    const result = language === 'en' ? schema.safeParse(value, { error: english.localeError }) : schema.safeParse(value);
    // Zod words the issues when `error` is first read, not while parsing: read it here, in this language.
    if (!result.success) void result.error.issues;
    return result;
  } finally {
    wording = previous;
  }
}

/** The issues of a value that failed `schema` (as `dutch`, from a default parse), in Dutch and in English. */
export function issuesInBothLanguages(schema: z.ZodType, value: unknown, dutch: z.core.$ZodIssue[]): Record<Language, z.core.$ZodIssue[]> {
  const en = safeParseIn('en', schema, value);
  return { nl: dutch, en: en.success ? dutch : en.error.issues };
}
