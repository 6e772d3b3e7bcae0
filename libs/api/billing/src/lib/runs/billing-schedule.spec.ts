import { nextBilling } from './billing-schedule';

describe('nextBilling', () => {
  const monthly = { startDate: '2026-01-01', billingAnchor: '2026-01-01', interval: 'month' as const, endDate: null };
  const billed = (...starts: string[]) => new Set(starts);

  it('bills the period running today while it has no invoice: November, on November’s run day', () => {
    // The walk-through: 30 November, November not billed yet; the run of 30 November bills it.
    expect(
      nextBilling(monthly, billed('2026-10-01'), { runDay: 28, lastPeriodStart: '2026-10-01' }, '2026-11-30'),
    ).toEqual({
      period: expect.objectContaining({ start: '2026-11-01', end: '2026-11-30' }),
      date: '2026-11-30',
    });
    expect(
      nextBilling(monthly, billed('2026-10-01'), { runDay: 28, lastPeriodStart: '2026-10-01' }, '2026-11-10'),
    ).toEqual({
      period: expect.objectContaining({ start: '2026-11-01' }),
      date: '2026-11-28',
    });
    // Without a schedule finance starts the run: due now.
    expect(nextBilling(monthly, billed(), { runDay: null, lastPeriodStart: null }, '2026-11-30')?.date).toBe(
      '2026-11-30',
    );
  });

  it('bills the next period on the run day of the month it starts in once the running one is billed', () => {
    expect(
      nextBilling(monthly, billed('2026-11-01'), { runDay: 5, lastPeriodStart: '2026-11-01' }, '2026-11-30'),
    ).toEqual({ period: expect.objectContaining({ start: '2026-12-01' }), date: '2026-12-05' });
    expect(
      nextBilling(monthly, billed('2026-11-01'), { runDay: null, lastPeriodStart: null }, '2026-11-30')?.date,
    ).toBe('2026-12-01');
  });

  it('bills nothing after the subscription ends, and a future one from its start', () => {
    const ending = { ...monthly, endDate: '2026-11-30' };
    expect(nextBilling(ending, billed('2026-11-01'), { runDay: 5, lastPeriodStart: null }, '2026-11-30')).toBeNull();
    const future = { ...monthly, startDate: '2027-02-01', billingAnchor: '2027-02-01' };
    expect(nextBilling(future, billed(), { runDay: 5, lastPeriodStart: '2026-11-01' }, '2026-11-30')?.date).toBe(
      '2027-02-05',
    );
  });
});
