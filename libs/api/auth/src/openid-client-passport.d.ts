// openid-client publishes its Passport strategy as the package export `openid-client/passport`,
// which TypeScript's `node10` resolution (this workspace's) does not read: point it at the types.
declare module 'openid-client/passport' {
  export * from 'openid-client/build/passport';
}
