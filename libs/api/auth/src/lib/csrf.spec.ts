import { anonymousCsrfToken, csrfTokenForSession, expectedOrigin, originOf, sameToken } from './csrf';

describe('csrf tokens', () => {
  it('binds the token to the session and the secret', () => {
    const a = csrfTokenForSession('secret-1', 'session-a');
    expect(a).toBe(csrfTokenForSession('secret-1', 'session-a'));
    expect(a).not.toBe(csrfTokenForSession('secret-1', 'session-b'));
    expect(a).not.toBe(csrfTokenForSession('secret-2', 'session-a'));
  });

  it('makes distinct anonymous tokens', () => {
    expect(anonymousCsrfToken()).not.toBe(anonymousCsrfToken());
  });

  it('compares tokens exactly and refuses missing ones', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
    expect(sameToken(undefined, undefined)).toBe(false);
  });

  it('reads the origin from Origin or Referer', () => {
    expect(originOf('http://callmonkey.localhost:3000', undefined)).toBe('http://callmonkey.localhost:3000');
    expect(originOf(undefined, 'http://callmonkey.localhost:3000/some/page?x=1')).toBe(
      'http://callmonkey.localhost:3000',
    );
    expect(originOf('null', undefined)).toBeNull();
    expect(originOf('not a url', undefined)).toBeNull();
    expect(expectedOrigin('http', 'CallMonkey.localhost:3000')).toBe('http://callmonkey.localhost:3000');
  });
});
