import { describeDevice } from './device';
import { subjectOf } from './identity-keys';

describe('describeDevice', () => {
  it("names browser and system in the reader's language", () => {
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    expect(describeDevice(firefox, 'en')).toBe('Firefox 128 on Linux');
    expect(describeDevice(firefox, 'nl')).toBe('Firefox 128 op Linux');
    expect(describeDevice(null, 'en')).toBe('Unknown device');
    expect(describeDevice(null, 'nl')).toBe('Onbekend apparaat');
  });
});

describe('subjectOf', () => {
  it('keys Microsoft identities by directory and object id, Google by sub', () => {
    expect(subjectOf('microsoft', { sub: 'pairwise', tid: 't1', oid: 'o1', email: 'a@b.c' })).toBe('t1:o1');
    expect(subjectOf('microsoft', { sub: 'pairwise', email: 'a@b.c' })).toBeNull();
    expect(subjectOf('google', { sub: '1234', email: 'a@b.c' })).toBe('1234');
    expect(subjectOf('google', { email: 'a@b.c' })).toBeNull();
  });
});
