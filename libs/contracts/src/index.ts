import { z } from 'zod';

// Dutch first: every validation message a person reads is Dutch by default.
z.config(z.locales.nl());

export * from './bilingual';
export * from './define';
export * from './envelope';
export * from './common';
export * from './errors';
export * from './registry';
export * from './identity/identity.contracts';
export * from './identity/email.contracts';
export * from './identity/sso.contracts';
export * from './communities/communities.contracts';
export * from './events/events.contracts';
export * from './events/places.contracts';
export * from './catalogue/catalogue.contracts';
export * from './search/search.contracts';
export * from './usage/usage.contracts';
export * from './privacy/privacy.contracts';
export * from './privacy/erasure.contracts';
export * from './privacy/retention.contracts';
export * from './health/health.contracts';
export * from './text';
