import type { PlanInterval } from '@mijn-account/shared-contracts';

/**
 * Service periods as calendar dates (`YYYY-MM-DD`, the tenant's calendar). A subscription's periods
 * are counted from its billing anchor: the k-th starts k months (or years) after it, on the
 * anchor's day or the month's last day when shorter (an anchor on the 31st bills on 30 November),
 * and ends the day before the next one starts. Days before the anchor form a stub period that is
 * billed in proportion to the full period ending where the stub ends.
 */
export interface Period {
  start: string;
  end: string;
  /** Days in the period, and in the full period it is part of (they differ for a stub). */
  days: number;
  fullDays: number;
}

export interface PeriodSchedule {
  startDate: string;
  billingAnchor: string;
  interval: PlanInterval;
  endDate: string | null;
}

const DAY = 86_400_000;

export function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
}

export function fromDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Today's calendar date (YYYY-MM-DD) in a time zone (undefined: the runtime's own). */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Days from `a` to `b`, both included. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a) + 1;
}

/** `anchor` moved by whole months, on the anchor's day or the last day of a shorter month. */
export function addMonthsClamped(anchor: string, months: number): string {
  const [y, m, d] = anchor.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDay(Date.UTC(year, month, Math.min(d, last)) / DAY);
}

const step = (interval: PlanInterval) => (interval === 'year' ? 12 : 1);

function periodK(anchor: string, interval: PlanInterval, k: number): Period {
  const start = addMonthsClamped(anchor, k * step(interval));
  const end = addDays(addMonthsClamped(anchor, (k + 1) * step(interval)), -1);
  const days = daysBetween(start, end);
  return { start, end, days, fullDays: days };
}

/** The period that contains `date` (null before the start date or after the end date). */
export function periodContaining(s: PeriodSchedule, date: string): Period | null {
  if (date < s.startDate || (s.endDate !== null && date > s.endDate)) return null;
  if (date < s.billingAnchor) return stub(s);
  const [ay, am] = s.billingAnchor.split('-').map(Number);
  const [dy, dm] = date.split('-').map(Number);
  let k = Math.floor(((dy - ay) * 12 + (dm - am)) / step(s.interval));
  let period = periodK(s.billingAnchor, s.interval, k);
  while (period.start > date) period = periodK(s.billingAnchor, s.interval, --k);
  while (period.end < date) period = periodK(s.billingAnchor, s.interval, ++k);
  return period;
}

function stub(s: PeriodSchedule): Period {
  const full = periodK(s.billingAnchor, s.interval, -1);
  const end = addDays(s.billingAnchor, -1);
  return { start: s.startDate, end, days: daysBetween(s.startDate, end), fullDays: full.days };
}

/** The periods that start within [from, to] (both included), for a billing run. */
export function periodsStartingIn(s: PeriodSchedule, from: string, to: string): Period[] {
  const periods: Period[] = [];
  if (s.startDate < s.billingAnchor && s.startDate >= from && s.startDate <= to) periods.push(stub(s));
  const first = from > s.billingAnchor ? from : s.billingAnchor;
  let period = periodContaining({ ...s, startDate: s.billingAnchor, endDate: null }, first);
  while (period && period.start <= to) {
    if (period.start >= from && (s.endDate === null || period.start <= s.endDate)) periods.push(period);
    period = periodContaining({ ...s, startDate: s.billingAnchor, endDate: null }, addDays(period.end, 1));
  }
  return periods;
}

/** `amount × part / whole`, rounded half up to whole minor units, in integer arithmetic. */
export function prorate(amountMinor: number, part: number, whole: number): number {
  return Math.floor((amountMinor * part * 2 + whole) / (whole * 2));
}
