/** The version of the terms and privacy statement shown and accepted at registration. */
export const TERMS_VERSION = '2026-12';
