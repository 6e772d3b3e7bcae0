import { addMonths, latestExtension, requestDeadline } from './deadline';

describe('privacy request deadlines', () => {
  it('is one calendar month after receipt', () => {
    expect(requestDeadline('2026-11-29')).toBe('2026-12-29');
    expect(requestDeadline('2026-12-15')).toBe('2027-01-15');
  });

  it('ends on the last day of a shorter month', () => {
    expect(requestDeadline('2027-01-31')).toBe('2027-02-28');
    expect(requestDeadline('2028-01-31')).toBe('2028-02-29');
    expect(requestDeadline('2027-03-31')).toBe('2027-04-30');
    expect(requestDeadline('2027-01-28')).toBe('2027-02-28');
  });

  it('allows an extension of two further months', () => {
    expect(latestExtension('2027-02-28')).toBe('2027-04-28');
    expect(latestExtension('2026-12-31')).toBe('2027-02-28');
    expect(addMonths('2026-10-31', 4)).toBe('2027-02-28');
  });
});
