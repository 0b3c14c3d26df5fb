export * from './test-scope';
