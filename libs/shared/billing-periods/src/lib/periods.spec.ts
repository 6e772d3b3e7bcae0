import { addMonthsClamped, periodContaining, periodsStartingIn, prorate } from './periods';

describe('service periods', () => {
  const monthly = { startDate: '2026-01-31', billingAnchor: '2026-01-31', interval: 'month' as const, endDate: null };

  it('moves an anchor on the 31st to the last day of shorter months, and back', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-11-15', -11)).toBe('2025-12-15');
  });

  it('finds the period containing a day', () => {
    expect(periodContaining(monthly, '2026-03-05')).toEqual({
      start: '2026-02-28',
      end: '2026-03-30',
      days: 31,
      fullDays: 31,
    });
    expect(periodContaining(monthly, '2026-01-30')).toBeNull();
    expect(periodContaining({ ...monthly, interval: 'year' }, '2026-12-31')).toMatchObject({
      start: '2026-01-31',
      end: '2027-01-30',
    });
  });

  it('bills the days before the anchor as a stub of the full period', () => {
    const s = { startDate: '2026-11-10', billingAnchor: '2026-12-01', interval: 'month' as const, endDate: null };
    expect(periodsStartingIn(s, '2026-11-01', '2026-12-31')).toEqual([
      { start: '2026-11-10', end: '2026-11-30', days: 21, fullDays: 30 },
      { start: '2026-12-01', end: '2026-12-31', days: 31, fullDays: 31 },
    ]);
  });

  it('lists the periods starting in a run window, none after the end date', () => {
    const s = {
      startDate: '2026-01-15',
      billingAnchor: '2026-01-15',
      interval: 'month' as const,
      endDate: '2026-03-14',
    };
    expect(periodsStartingIn(s, '2026-01-01', '2026-12-31').map((p) => p.start)).toEqual(['2026-01-15', '2026-02-15']);
    expect(periodsStartingIn(monthly, '2026-03-01', '2026-03-31').map((p) => p.start)).toEqual(['2026-03-31']);
  });

  it('prorates half up in whole cents', () => {
    expect(prorate(1000, 10, 30)).toBe(333);
    expect(prorate(1000, 20, 30)).toBe(667);
    expect(prorate(1, 1, 2)).toBe(1);
    expect(prorate(999, 31, 31)).toBe(999);
  });
});
