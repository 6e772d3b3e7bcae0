import type { PlanInterval } from '@mijn-account/shared-contracts';

/**
 * What a plan or quantity change in the middle of a period does, as the API's billing engine
 * computes it (ADR 0012, `periods.ts` in api-billing — the same arithmetic, for the page to explain
 * before finance saves): the rest of the period, from the change day to the period's last day, is
 * credited at the old unit price and quantity and charged at the new ones, per unit
 * `round(price × rest / days)` half up, on the next invoice.
 */
export interface ProrationPreview {
  periodStart: string;
  periodEnd: string;
  /** Days of the period, and of its rest from the change day (both included). */
  days: number;
  restDays: number;
  creditMinor: number;
  debitMinor: number;
}

const DAY = 86_400_000;
const toDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
};
const fromDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
export const daysBetween = (a: string, b: string) => toDay(b) - toDay(a) + 1;

/** `anchor` moved by whole months, on the anchor's day or the last day of a shorter month. */
export function addMonthsClamped(anchor: string, months: number): string {
  const [y, m, d] = anchor.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDay(Date.UTC(year, month, Math.min(d, last)) / DAY);
}

/**
 * The period (counted from the billing anchor) that holds `date`, with the days of a full period; before
 * the anchor, the stub from the start date, billed pro rata of the full period before the anchor.
 */
export function periodAround(
  schedule: { startDate: string; billingAnchor: string; interval: PlanInterval },
  date: string,
): { start: string; end: string; fullDays: number } {
  const step = schedule.interval === 'year' ? 12 : 1;
  const period = (n: number) => {
    const start = addMonthsClamped(schedule.billingAnchor, n * step);
    const end = addDays(addMonthsClamped(schedule.billingAnchor, (n + 1) * step), -1);
    return { start, end, fullDays: daysBetween(start, end) };
  };
  if (date < schedule.billingAnchor)
    return { start: schedule.startDate, end: addDays(schedule.billingAnchor, -1), fullDays: period(-1).fullDays };
  const [ay, am] = schedule.billingAnchor.split('-').map(Number);
  const [dy, dm] = date.split('-').map(Number);
  let k = Math.floor(((dy - ay) * 12 + (dm - am)) / step);
  let p = period(k);
  while (p.start > date) p = period(--k);
  while (p.end < date) p = period(++k);
  return p;
}

/** `amount × part / whole`, rounded half up to whole minor units, in integer arithmetic (as the API). */
export function prorate(amountMinor: number, part: number, whole: number): number {
  return Math.floor((amountMinor * part * 2 + whole) / (whole * 2));
}

/**
 * The credit and debit a change on `date` gives (the rest of its period at the old and at the new unit
 * price and quantity); null when the subscription does not run that day (the API refuses it).
 */
export function prorationPreview(
  schedule: { startDate: string; billingAnchor: string; interval: PlanInterval; endDate: string | null },
  date: string,
  before: { unitPriceMinor: number; quantity: number },
  after: { unitPriceMinor: number; quantity: number },
): ProrationPreview | null {
  if (date < schedule.startDate || (schedule.endDate !== null && date > schedule.endDate)) return null;
  const period = periodAround(schedule, date);
  const restDays = daysBetween(date, period.end);
  return {
    periodStart: period.start,
    periodEnd: period.end,
    days: period.fullDays,
    restDays,
    creditMinor: prorate(before.unitPriceMinor, restDays, period.fullDays) * before.quantity,
    debitMinor: prorate(after.unitPriceMinor, restDays, period.fullDays) * after.quantity,
  };
}
