/** One `npm test` runs every project: server unit, server integration, client. */
module.exports = {
  projects: [
    '<rootDir>/server/jest.unit.config.js',
    '<rootDir>/server/jest.int.config.js',
    '<rootDir>/client/jest.config.cjs',
  ],
};
