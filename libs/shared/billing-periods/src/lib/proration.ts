import type { PlanInterval } from '@mijn-account/shared-contracts';
import { daysBetween, periodContaining, prorate } from './periods';

/**
 * What a plan or quantity change in the middle of a period does, as the API's billing engine
 * computes it (ADR 0012), for the finance page to explain before it saves: the rest of the period,
 * from the change day to the period's last day, is credited at the old unit price and quantity and
 * charged at the new ones, per unit `round(price × rest / days)` half up, on the next invoice.
 */
export interface ProrationPreview {
  periodStart: string;
  periodEnd: string;
  /** Days of the full period, and of its rest from the change day (both included). */
  days: number;
  restDays: number;
  creditMinor: number;
  debitMinor: number;
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
  const period = periodContaining(schedule, date);
  if (!period) return null;
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
