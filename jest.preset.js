const nxPreset = require('@nx/jest/preset').default;

// A unit test that renders Angular Material takes a few seconds on a loaded two-core machine (CI shares
// it); Jest's 5 s default then fails sound tests. No test here asserts on time.
module.exports = { ...nxPreset, testTimeout: 30_000 };
