import { type Period, type PeriodSchedule, addDays, periodContaining } from '@mijn-account/shared-billing-periods';

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

/**
 * When a subscription is billed next, by the engine's own rules (issue 17, walk-through item 7): a run
 * of a month drafts the periods that *start* in it (`periodsStartingIn`), each period once (the invoice
 * key is subscription and period start, whatever became of the invoice). So the next invoice is for the
 * first period, from the one running today, that has no invoice yet; it is issued by the run of the
 * month that period starts in: that month's run day when a schedule is set and the month's run has not
 * started (today if its day passed without one, as `nextScheduledRun`), otherwise as soon as finance
 * starts a run (its start, or today). Null when no period is left before the subscription ends.
 */
export function nextBilling(
  schedule: PeriodSchedule,
  billedStarts: ReadonlySet<string>,
  runs: { runDay: number | null; lastPeriodStart: string | null },
  today: string,
): { period: Period; date: string } | null {
  let period = periodContaining(schedule, today < schedule.startDate ? schedule.startDate : today);
  while (period && billedStarts.has(period.start)) period = periodContaining(schedule, addDays(period.end, 1));
  if (!period) return null;
  const month = monthOf(period.start);
  const started = runs.lastPeriodStart !== null && runs.lastPeriodStart >= month.start;
  const runDay =
    runs.runDay !== null && !started ? `${month.start.slice(0, 8)}${String(runs.runDay).padStart(2, '0')}` : null;
  const date = runDay ?? period.start;
  return { period, date: date > today ? date : today };
}
