import { z } from 'zod';
import { bilingual } from '../bilingual';

/**
 * Plain text a person typed: trimmed, stored as given (the gateway escapes on output, no HTML is
 * interpreted). Control characters other than tab and line breaks are refused: PostgreSQL cannot
 * store NUL, and the others only hide content.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const plainText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine((s) => !CONTROL_CHARS.test(s), bilingual({ nl: 'bevat ongeldige (stuur)tekens', en: 'contains invalid (control) characters' }));
