/**
 * A failure a client can cause or should see, with a stable English code and a message in
 * Dutch (first) and English. Thrown in any service, carried over request/reply as
 * {@link RpcErrorPayload}, and rendered by the gateway as `{statusCode, error, message, code}`.
 */
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messages: { nl: string; en: string },
    readonly details?: unknown,
  ) {
    super(messages.en);
    this.name = 'DomainError';
  }

  toPayload(): RpcErrorPayload {
    return { kcError: true, statusCode: this.statusCode, code: this.code, messages: this.messages, details: this.details };
  }

  static fromPayload(payload: RpcErrorPayload): DomainError {
    return new DomainError(payload.statusCode, payload.code, payload.messages, payload.details);
  }
}

export interface RpcErrorPayload {
  kcError: true;
  statusCode: number;
  code: string;
  messages: { nl: string; en: string };
  details?: unknown;
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  return typeof value === 'object' && value !== null && (value as { kcError?: unknown }).kcError === true;
}

export const notFound = (code: string, nl: string, en: string) => new DomainError(404, code, { nl, en });
export const forbidden = (code: string, nl: string, en: string) => new DomainError(403, code, { nl, en });
export const conflict = (code: string, nl: string, en: string) => new DomainError(409, code, { nl, en });
export const badRequest = (code: string, nl: string, en: string, details?: unknown) => new DomainError(400, code, { nl, en }, details);
export const unauthenticated = () =>
  new DomainError(401, 'UNAUTHENTICATED', { nl: 'Log eerst in.', en: 'Please log in first.' });
export const regionReadOnly = () =>
  new DomainError(423, 'REGION_SUSPENDED', {
    nl: 'De licentie van deze regio is opgeschort: je kunt nu alleen lezen, niets toevoegen of wijzigen. Neem contact op met je bibliotheek.',
    en: 'This region’s licence is suspended: you can read, but not add or change anything. Please contact your library.',
  });
