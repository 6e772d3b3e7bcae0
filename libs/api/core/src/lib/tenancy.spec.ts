import { parseHost } from './tenancy';

describe('parseHost', () => {
  it('reads the slug from <slug>.<portal domain>, ignoring port and case', () => {
    expect(parseHost('CallMonkey.localhost:3000', 'localhost')).toEqual({ by: 'slug', slug: 'callmonkey' });
    expect(parseHost('contactmonkey.mijnaccount.example', 'mijnaccount.example')).toEqual({
      by: 'slug',
      slug: 'contactmonkey',
    });
  });

  it('treats other names as custom hosts', () => {
    expect(parseHost('mijn.callmonkey.nl', 'mijnaccount.example')).toEqual({ by: 'host', host: 'mijn.callmonkey.nl' });
  });

  it('resolves nothing for the bare domain, IP addresses, nested or malformed names', () => {
    expect(parseHost('localhost:3000', 'localhost')).toBeNull();
    expect(parseHost('127.0.0.1:3000', 'localhost')).toBeNull();
    expect(parseHost('a.b.localhost', 'localhost')).toBeNull();
    expect(parseHost('evil host', 'localhost')).toBeNull();
    expect(parseHost(undefined, 'localhost')).toBeNull();
  });
});
