import { SECOND_FACTOR_CODE_PATTERN } from './second-factor';

describe('SECOND_FACTOR_CODE_PATTERN', () => {
  it.each(['123456', 'abcd-ef01-23456789', 'ABCDEF0123456789', 'abcd-EF0123456789'])('accepts %s', (code) =>
    expect(SECOND_FACTOR_CODE_PATTERN.test(code)).toBe(true),
  );
  it.each(['12345', '1234567', 'abcd-ef01-2345678g', 'MijnAccount-demo-2026', ' 123456'])('refuses %s', (code) =>
    expect(SECOND_FACTOR_CODE_PATTERN.test(code)).toBe(false),
  );
});
