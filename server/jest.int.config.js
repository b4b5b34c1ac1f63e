/** Integration tests boot createApp against one real FerretDB, a database per test file. */
module.exports = {
  displayName: 'server-int',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': require('./jest.swc') },
  testMatch: ['<rootDir>/test/integration/**/*.int.spec.ts'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
};
