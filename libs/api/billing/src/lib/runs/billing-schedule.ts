import { addDays } from '@mijn-account/shared-billing-periods';

/** First and last day of the month of `date` (YYYY-MM-DD). */
export function monthOf(date: string): { start: string; end: string } {
  const [y, m] = date.split('-').map(Number);
  const start = `${date.slice(0, 7)}-01`;
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { start, end };
}

/** The same day of the next month (run days are 1–28, so every month has it). */
function nextMonthDay(date: string, day: number): string {
  const next = addDays(monthOf(date).end, 1);
  return `${next.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/**
 * The day of the next scheduled run: this month's run day unless this month was started already
 * (then next month's); a run day that passed without a start (no worker then) is due today.
 */
export function nextScheduledRun(runDay: number | null, lastPeriodStart: string | null, today: string): string | null {
  if (runDay === null) return null;
  const month = monthOf(today);
  const thisMonthsDay = `${today.slice(0, 8)}${String(runDay).padStart(2, '0')}`;
  if (lastPeriodStart !== null && lastPeriodStart >= month.start) return nextMonthDay(today, runDay);
  return thisMonthsDay >= today ? thisMonthsDay : today;
}
