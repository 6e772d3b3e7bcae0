import { UUID_PATTERN, isUuid } from './uuid';

describe('isUuid', () => {
  it('takes what PostgreSQL writes for a uuid, in either case and of any version', () => {
    expect(isUuid('4b1f3c2e-9a7d-4e21-8c3b-5f6a7b8c9d0e')).toBe(true);
    expect(isUuid('4B1F3C2E-9A7D-4E21-8C3B-5F6A7B8C9D0E')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000001')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      '',
      'not-an-id',
      '4b1f3c2e9a7d4e218c3b5f6a7b8c9d0e',
      '{4b1f3c2e-9a7d-4e21-8c3b-5f6a7b8c9d0e}',
      ' 4b1f3c2e-9a7d-4e21-8c3b-5f6a7b8c9d0e',
      '4b1f3c2e-9a7d-4e21-8c3b-5f6a7b8c9d0e\n',
      42,
      null,
    ])
      expect(isUuid(value)).toBe(false);
    expect(UUID_PATTERN.flags).not.toContain('g');
  });
});
