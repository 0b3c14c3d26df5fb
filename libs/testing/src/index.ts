export * from './test-scope';
export * from './test-identity';
export * from './in-process-service';
export * from './private-nats';
export * from './platform';
export * from './private-postgres';
export * from './fixtures';
export * from './dates';
