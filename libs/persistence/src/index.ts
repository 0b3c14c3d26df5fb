export * from './database';
export * from './orm';
export * from './health';
export * from './retry';
export * from './persistence.module';
export * from './sql';
export * from './region-footprint';
export * from './personal-data';
