// Three tiers (STYLE.md §11): unit (pure logic), integration (one service or library against
// the real PostgreSQL, NATS JetStream and Redis), system (every service as its own process,
// driven through the gateway). `npm test` runs all of them.
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,deploy}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/*/test/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-setup-integration.ts'],
    },
    { ...common, displayName: 'system', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-setup-system.ts'] },
  ],
};
