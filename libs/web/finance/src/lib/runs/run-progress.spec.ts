import { isWorking, monthChoices, monthName, parseMinor, progressPercent } from './run-progress';

const run = (over: Partial<Parameters<typeof progressPercent>[0]>) => ({
  status: 'drafting' as const,
  toBill: 10,
  drafted: 0,
  skipped: 0,
  finalised: 0,
  failed: 0,
  ...over,
});

describe('run progress', () => {
  it('counts subscriptions done while drafting, drafts done while finalising', () => {
    expect(progressPercent(run({ drafted: 3, skipped: 1 }))).toBe(40);
    expect(progressPercent(run({ status: 'finalising', drafted: 8, finalised: 5, failed: 1 }))).toBe(75);
    expect(progressPercent(run({ status: 'review', drafted: 8 }))).toBe(100);
    expect(progressPercent(run({ status: 'completed' }))).toBe(100);
  });

  it('leaves a completed run with failed drafts short of full', () => {
    expect(progressPercent(run({ status: 'completed', drafted: 2, finalised: 1, failed: 1 }))).toBe(50);
    expect(progressPercent(run({ status: 'completed', drafted: 2, finalised: 2 }))).toBe(100);
  });

  it('never divides by nothing nor goes past the end', () => {
    expect(progressPercent(run({ toBill: 0 }))).toBe(100);
    expect(progressPercent(run({ status: 'finalising', drafted: 0 }))).toBe(100);
    expect(progressPercent(run({ drafted: 12 }))).toBe(100);
  });

  it('polls only while the jobs work', () => {
    expect(isWorking({ status: 'drafting' })).toBe(true);
    expect(isWorking({ status: 'finalising' })).toBe(true);
    expect(isWorking({ status: 'review' })).toBe(false);
    expect(isWorking({ status: 'completed' })).toBe(false);
  });
});

describe('month choices', () => {
  it('offers this month first, then earlier ones, across a year end, with their last days', () => {
    const months = monthChoices('2026-02-14', 4);
    expect(months).toEqual([
      { value: '2026-02', periodStart: '2026-02-01', periodEnd: '2026-02-28' },
      { value: '2026-01', periodStart: '2026-01-01', periodEnd: '2026-01-31' },
      { value: '2025-12', periodStart: '2025-12-01', periodEnd: '2025-12-31' },
      { value: '2025-11', periodStart: '2025-11-01', periodEnd: '2025-11-30' },
    ]);
    expect(monthChoices('2028-03-01', 2)[1].periodEnd).toBe('2028-02-29');
  });

  it('names a month in the page language', () => {
    expect(monthName('2026-11-01', 'en-GB')).toBe('November 2026');
    expect(monthName('2026-11-01', 'nl-NL')).toBe('november 2026');
  });
});

describe('amounts typed in euros', () => {
  it('reads a decimal comma or point and thousands marks as cents', () => {
    expect(parseMinor('12,50', 'EUR')).toBe(1250);
    expect(parseMinor('12.5', 'EUR')).toBe(1250);
    expect(parseMinor(' 7 ', 'EUR')).toBe(700);
    expect(parseMinor('1.234,56', 'EUR')).toBe(123456);
    expect(parseMinor('1,234.56', 'CAD')).toBe(123456);
    expect(parseMinor('0', 'EUR')).toBe(0);
  });

  it('refuses fractions of a cent, negative amounts and words', () => {
    expect(parseMinor('12,505', 'EUR')).toBeNull();
    expect(parseMinor('-3', 'EUR')).toBeNull();
    expect(parseMinor('twelve', 'EUR')).toBeNull();
    expect(parseMinor('', 'EUR')).toBeNull();
  });

  it('knows currencies without minor units', () => {
    expect(parseMinor('1200', 'JPY')).toBe(1200);
    expect(parseMinor('12,5', 'JPY')).toBeNull();
  });
});
