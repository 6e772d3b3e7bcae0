import type { BillingRunView } from '@mijn-account/shared-contracts';

/** A run whose jobs are at work: its page asks for progress about once a second. */
export function isWorking(run: Pick<BillingRunView, 'status'>): boolean {
  return run.status === 'drafting' || run.status === 'finalising';
}

/**
 * How far the run's current step is, 0–100: drafting counts subscriptions done (drafted or skipped)
 * of those to bill; finalising counts drafts done (finalised or failed) of those drafted. A run in
 * review has drafted everything; a completed one has numbered its drafts, less those that failed.
 */
export function progressPercent(
  run: Pick<BillingRunView, 'status' | 'toBill' | 'drafted' | 'skipped' | 'finalised' | 'failed'>,
): number {
  const share = (done: number, of: number) => (of <= 0 ? 100 : Math.min(100, Math.round((done / of) * 100)));
  switch (run.status) {
    case 'drafting':
      return share(run.drafted + run.skipped, run.toBill);
    case 'finalising':
      return share(run.finalised + run.failed, run.drafted);
    case 'completed':
      // Drafts that failed are not done: the bar stays short of full until they are numbered or deleted.
      return share(run.finalised, run.finalised + run.failed);
    default:
      return 100;
  }
}

export interface MonthChoice {
  /** YYYY-MM */
  value: string;
  periodStart: string;
  periodEnd: string;
}

/** This month and the `count − 1` before it, newest first: the periods a run can bill (none in the future). */
export function monthChoices(today: string, count = 13): MonthChoice[] {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const first = new Date(Date.UTC(year, month - 1 - i, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    const periodStart = first.toISOString().slice(0, 10);
    return { value: periodStart.slice(0, 7), periodStart, periodEnd: last.toISOString().slice(0, 10) };
  });
}

/** A new Idempotency-Key for each attempt to start a run (a retry of the same click replays it). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** The month of a period's first day, named in a locale ("November 2026", "november 2026"). */
export function monthName(periodStart: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${periodStart}T12:00:00Z`),
  );
}

/**
 * An amount typed in the currency's major unit ("12,50", "12.50", "1.234,50", "7") as whole minor
 * units; null when it is not one (negative, more decimals than the currency has, not a number) or
 * when it could be read two ways ("12,505": twelve thousand, or twelve and a half cent more?).
 */
export function parseMinor(typed: string, currency: string): number | null {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown currency code keeps two decimals.
  }
  const text = typed.trim().replace(/\s/g, '');
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const last = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
  let whole = text;
  let fraction = '';
  if (last >= 0) {
    const after = text.slice(last + 1);
    const marks = new Set(text.replace(/\d/g, ''));
    if (after.length >= 1 && after.length <= digits) {
      whole = text.slice(0, last);
      fraction = after;
      if (whole.includes(text[last])) return null;
    } else if (after.length !== 3 || marks.size === 1) {
      return null;
    }
  }
  if (!/^(\d{1,3}([.,]\d{3})*|\d+)$/.test(whole) || new Set(whole.replace(/\d/g, '')).size > 1) return null;
  const minor = Number(whole.replace(/[.,]/g, '')) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}
