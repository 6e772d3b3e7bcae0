/**
 * Amounts are integer minor units of a currency with two decimals (EUR, CAD, USD …), as the
 * documents write them; a document in any other currency is refused rather than misprinted.
 */
export function assertCentsCurrency(currency: string): void {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  if (digits !== 2) throw new RangeError(`Currency ${currency} does not have two decimals; amounts are in cents`);
}
