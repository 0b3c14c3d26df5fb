// Three tiers (STYLE.md §11): unit (pure logic), integration (one service or library against
// the real PostgreSQL, NATS JetStream and Redis), system (every service as its own process,
// driven through the gateway). `npm test` runs all of them.
// .swcrc holds one entry for .tsx (JSX pages, preact) and one for everything else; @swc/jest
// reads no array, so each pattern gets its entry here.
const [swcTsx, swcTs] = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const swcOptions = ({ test: _test, $schema: _schema, ...options }) => ({ ...options, swcrc: false });
const transform = {
  '^.+\\.tsx$': ['@swc/jest', swcOptions(swcTsx)],
  '^.+\\.(t|j)s$': ['@swc/jest', swcOptions(swcTs)],
};
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  // Three test files at a time on two cores. Jest's default there is one (cores − 1), and a
  // system test leaves a core idle a quarter of its time (waiting on the platform, the
  // browser and the network); with two files at a time CPU was still 17 % idle and CI took
  // 1,486 s on a slow day. Every suite keeps its own namespace, databases and ports, so they
  // run side by side.
  maxWorkers: 3,
  projects: [
    // Some unit tests read a fixture of 1,000 records: on a loaded 2-core machine that can take longer than Jest's 5 s.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,deploy}/**/*.spec.ts'], testTimeout: 30_000 },
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
