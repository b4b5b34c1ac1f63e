const path = require('node:path');

const serverSupport = path.resolve(__dirname, '../../server/test/support');

/**
 * The browser suite: the production build (server/dist + client/dist, made by `npm run
 * build`) driven by Debian's Chromium through playwright-core. It shares the server
 * integration project's FerretDB: jest runs a global setup file once however many
 * projects name it, so both point at the same files.
 */
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': require('../../server/jest.swc') },
  testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
  globalSetup: path.join(serverSupport, 'globalSetup.ts'),
  globalTeardown: path.join(serverSupport, 'globalTeardown.ts'),
};
