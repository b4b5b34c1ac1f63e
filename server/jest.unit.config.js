module.exports = {
  displayName: 'server-unit',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': require('./jest.swc') },
  testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
};
