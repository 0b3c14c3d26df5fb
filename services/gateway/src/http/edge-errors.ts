import { DomainError } from '@kc/contracts';

/** Errors the edge itself raises, before (or instead of) asking a service. */
export const EdgeErrors = {
  invalidJson: () =>
    new DomainError(400, 'INVALID_JSON', {
      nl: 'De body is geen geldige JSON.',
      en: 'The request body is not valid JSON.',
    }),
  payloadTooLarge: (limitBytes: number) =>
    new DomainError(413, 'PAYLOAD_TOO_LARGE', {
      nl: `De body is te groot (maximaal ${formatBytes(limitBytes)}).`,
      en: `The request body is too large (at most ${formatBytes(limitBytes)}).`,
    }),
  unsupportedMediaType: (expected: string) =>
    new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', {
      nl: `Dit type inhoud wordt hier niet ondersteund; verwacht: ${expected}.`,
      en: `This content type is not supported here; expected: ${expected}.`,
    }),
  routeNotFound: (method: string, url: string) =>
    new DomainError(404, 'ROUTE_NOT_FOUND', {
      nl: `${method} ${url} bestaat niet.`,
      en: `${method} ${url} does not exist.`,
    }),
  rateLimited: () =>
    new DomainError(429, 'RATE_LIMITED', {
      nl: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
      en: 'Too many requests. Please wait a moment and try again.',
    }),
  invalidAuthorization: () =>
    new DomainError(401, 'INVALID_TOKEN', {
      nl: 'De Authorization-header moet de vorm "Bearer <token>" hebben.',
      en: 'The Authorization header must have the form "Bearer <token>".',
    }),
  invalidHeader: (header: string) =>
    new DomainError(400, 'INVALID_HEADER', {
      nl: `De header ${header} is ongeldig (1 tot 200 zichtbare tekens).`,
      en: `The ${header} header is invalid (1 to 200 visible characters).`,
    }),
  uploadEmpty: () =>
    new DomainError(400, 'CATALOGUE_FILE_EMPTY', {
      nl: 'Het catalogusbestand is leeg.',
      en: 'The catalogue file is empty.',
    }),
  uploadAborted: () =>
    new DomainError(400, 'UPLOAD_ABORTED', {
      nl: 'De upload is afgebroken voordat het bestand compleet was.',
      en: 'The upload was aborted before the file was complete.',
    }),
  uploadStoreUnavailable: () =>
    new DomainError(503, 'UPLOAD_STORE_UNAVAILABLE', {
      nl: 'Het bestand kan nu niet worden opgeslagen. Probeer het later opnieuw.',
      en: 'The file cannot be stored right now. Please try again later.',
    }),
  invalidUrl: () =>
    new DomainError(400, 'INVALID_URL', {
      nl: 'Het adres van dit verzoek is ongeldig (een %-codering klopt niet).',
      en: 'The address of this request is invalid (a %-encoding is malformed).',
    }),
  uriTooLong: () =>
    new DomainError(414, 'URI_TOO_LONG', {
      nl: 'Een deel van het adres is te lang.',
      en: 'A part of the address is too long.',
    }),
  badRequest: () =>
    new DomainError(400, 'BAD_REQUEST', {
      nl: 'Het verzoek is ongeldig.',
      en: 'The request is invalid.',
    }),
  internal: () =>
    new DomainError(500, 'INTERNAL_ERROR', {
      nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
      en: 'Something went wrong on our side. Please try again later.',
    }),
};

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
