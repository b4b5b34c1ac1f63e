/** One `npm test` runs every project: server unit, server integration, client, browser. */
module.exports = {
  // A global option: jest ignores testTimeout inside a project's config when run this way.
  testTimeout: 30_000,
  // Both cores: most suites wait on timers and sockets; jest.sequencer.js keeps the
  // heaviest apart.
  maxWorkers: 2,
  testSequencer: '<rootDir>/jest.sequencer.js',
  projects: [
    '<rootDir>/server/jest.unit.config.js',
    '<rootDir>/server/jest.int.config.js',
    '<rootDir>/client/jest.config.cjs',
    '<rootDir>/client/e2e/jest.config.cjs',
  ],
};
