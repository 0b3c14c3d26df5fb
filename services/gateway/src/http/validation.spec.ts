import { DomainError, RegisterAccount, ThesaurusQuery } from '@kc/contracts';
import { parseInput } from './validation';

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('edge validation messages', () => {
  it('words a field’s own message in Dutch and in English', () => {
    const error = refusal(() => parseInput(ThesaurusQuery, { q: '' }, 'query'));
    expect({ status: error.statusCode, code: error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(error.messages).toEqual({
      nl: 'Ongeldige invoer (queryparameters): q: geef 1 tot 100 tekens op (wat je tot nu toe typte)',
      en: 'Invalid input (query parameters): q: give 1 to 100 characters (what you typed so far)',
    });
    expect(error.details).toEqual({ in: 'query', issues: [{ path: 'query.q', code: 'too_small' }] });
  });

  it('words zod’s own messages and the schema’s own side by side', () => {
    const error = refusal(() => parseInput(RegisterAccount.request, { email: 'geen-adres', password: 'kort', displayName: 'Anna', region: 'langstraat', acceptedTermsVersion: 'oud' }, 'body'));
    expect(error.messages.nl).toContain('email: moet een geldig e-mailadres zijn');
    expect(error.messages.nl).toContain('password: minstens 10 tekens');
    expect(error.messages.en).toContain('email: must be a valid e-mail address');
    expect(error.messages.en).toContain('password: at least 10 characters');
    expect(error.messages.en).toContain('acceptedTermsVersion: accept the terms of use');
    expect(error.messages.en).not.toMatch(/moet|minstens|ga akkoord/);
  });
});
