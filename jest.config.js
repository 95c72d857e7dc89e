/** Unit, integration (functions and the local cloud through the real SDK) and e2e (h5 in Chromium) tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/src/core/$1' },
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/after-env.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
}
