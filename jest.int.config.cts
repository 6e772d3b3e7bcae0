/**
 * Integration tier (`*.int-spec.ts`): real PostgreSQL — one embedded server per run (or the server
 * at TEST_ADMIN_DATABASE_URL), a fresh migrated database per suite.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  displayName: 'int',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/libs/**/*.int-spec.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.int.json' }] },
  // @nestjs/typeorm, openid-client, oauth4webapi, jose and otplib's @scure/@noble dependencies are ES modules only; compiled to CommonJS for Jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs/typeorm|openid-client|oauth4webapi|jose|@scure|@noble|@otplib)/)',
  ],
  moduleNameMapper: {
    // @nestjs/typeorm is an ES module; its one file that needs import.meta gets a CommonJS stand-in.
    '^\\.(/common)?/typeorm-compat\\.js$': '<rootDir>/tools/jest/nestjs-typeorm-compat.cjs',
    ...pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/libs/api/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/api/testing/src/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
