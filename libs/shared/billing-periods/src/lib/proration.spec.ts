import { addMonthsClamped, periodContaining, prorate } from './periods';
import { prorationPreview } from './proration';

describe('proration preview (the API billing engine’s arithmetic)', () => {
  const monthly = { startDate: '2026-01-31', billingAnchor: '2026-01-31', interval: 'month' as const, endDate: null };

  it('counts periods from the anchor, on the last day of shorter months', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(periodContaining(monthly, '2026-03-10')).toEqual({
      start: '2026-02-28',
      end: '2026-03-30',
      days: 31,
      fullDays: 31,
    });
    expect(periodContaining(monthly, '2026-02-28')?.start).toBe('2026-02-28');
  });

  it('bills a stub before the anchor pro rata of the full period before it', () => {
    const stubbed = { startDate: '2026-11-10', billingAnchor: '2026-12-01', interval: 'month' as const, endDate: null };
    expect(periodContaining(stubbed, '2026-11-20')).toEqual({
      start: '2026-11-10',
      end: '2026-11-30',
      days: 21,
      fullDays: 30,
    });
  });

  it('rounds half up in whole cents', () => {
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1000, 2, 3)).toBe(667);
    expect(prorate(1, 1, 2)).toBe(1);
  });

  it('credits the rest of the period at the old price and quantity and charges it at the new', () => {
    const plan = { startDate: '2026-11-01', billingAnchor: '2026-11-01', interval: 'month' as const, endDate: null };
    // 16 of November's 30 days remain from the 15th.
    expect(
      prorationPreview(
        plan,
        '2026-11-15',
        { unitPriceMinor: 3000, quantity: 1 },
        { unitPriceMinor: 3000, quantity: 3 },
      ),
    ).toEqual({
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      days: 30,
      restDays: 16,
      creditMinor: 1600,
      debitMinor: 4800,
    });
  });

  it('has nothing to show for a day the subscription does not run', () => {
    const ending = {
      startDate: '2026-11-01',
      billingAnchor: '2026-11-01',
      interval: 'month' as const,
      endDate: '2026-11-30',
    };
    const same = { unitPriceMinor: 100, quantity: 1 };
    expect(prorationPreview(ending, '2026-10-31', same, same)).toBeNull();
    expect(prorationPreview(ending, '2026-12-01', same, same)).toBeNull();
  });
});
