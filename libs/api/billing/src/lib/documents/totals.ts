import type { DocumentTotals, InvoiceLine, TaxSubtotal, TaxTreatment } from './invoice-document';

/**
 * Totals the way EN 16931 computes them: line amounts are exact (integer quantity × integer cents),
 * the tax of each category and rate is rounded once on that category's taxable total (BR-CO-17),
 * the document's tax is the sum of the category taxes (BR-CO-14), and the payable amount follows
 * (BR-CO-13, BR-CO-15, BR-CO-16 with nothing prepaid). Half away from zero, on whole cents.
 */
export function computeTotals(lines: readonly Pick<InvoiceLine, 'netMinor' | 'tax'>[]): DocumentTotals {
  const byTreatment = new Map<string, TaxSubtotal>();
  for (const line of lines) {
    const key = treatmentKey(line.tax);
    const subtotal = byTreatment.get(key) ?? { tax: line.tax, taxableMinor: 0, taxMinor: 0 };
    subtotal.taxableMinor += line.netMinor;
    byTreatment.set(key, subtotal);
  }
  const subtotals = [...byTreatment.values()].map((s) => ({
    ...s,
    taxMinor: taxOf(s.taxableMinor, s.tax.rateBasisPoints),
  }));
  const lineExtensionMinor = lines.reduce((sum, line) => sum + line.netMinor, 0);
  const taxMinor = subtotals.reduce((sum, s) => sum + s.taxMinor, 0);
  return {
    lineExtensionMinor,
    taxExclusiveMinor: lineExtensionMinor,
    taxMinor,
    taxInclusiveMinor: lineExtensionMinor + taxMinor,
    payableMinor: lineExtensionMinor + taxMinor,
    subtotals,
  };
}

/** taxable × rate / 10,000, rounded half away from zero to whole minor units, in integer arithmetic. */
export function taxOf(taxableMinor: number, rateBasisPoints: number): number {
  const product = Math.abs(taxableMinor) * rateBasisPoints;
  const rounded = Math.floor((product + 5_000) / 10_000);
  return taxableMinor < 0 ? -rounded : rounded;
}

function treatmentKey(tax: TaxTreatment): string {
  return `${tax.category}:${tax.rateBasisPoints}`;
}
