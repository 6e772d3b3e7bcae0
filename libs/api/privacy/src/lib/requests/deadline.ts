/**
 * Legal deadlines of a privacy request (GDPR Art. 12(3)): one month after receipt, extendable by at
 * most two further months. A month is a calendar month; when the day does not exist in the target
 * month, the deadline is that month's last day (31 January → 28 or 29 February), as Regulation
 * 1182/71 art. 3(2)(c) counts periods in months.
 */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The deadline of a request received on `receivedOn` (YYYY-MM-DD). */
export function requestDeadline(receivedOn: string): string {
  return addMonths(receivedOn, 1);
}

/** The latest date an extension may give: two months after the deadline. */
export function latestExtension(deadline: string): string {
  return addMonths(deadline, 2);
}
