/**
 * The MikroORM packages, required when first used rather than when this library is. The gateway
 * has no database, yet reaches @kc/persistence through @kc/messaging and @kc/auth: MikroORM,
 * knex and the migrator loaded at its start took ~14 MB of its heap and ~15 MB of its resident
 * memory (docs/performance.md). A service loads them as it sets up its database, as before.
 * Types come from `import type`, which loads nothing.
 */
export const mikroOrm = {
  core: () => require('@mikro-orm/core') as typeof import('@mikro-orm/core'),
  postgresql: () => require('@mikro-orm/postgresql') as typeof import('@mikro-orm/postgresql'),
  migrations: () => require('@mikro-orm/migrations') as typeof import('@mikro-orm/migrations'),
  nestjs: () => require('@mikro-orm/nestjs') as typeof import('@mikro-orm/nestjs'),
};
