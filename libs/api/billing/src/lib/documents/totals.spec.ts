import type { TaxTreatment } from './invoice-document';
import { computeTotals, taxOf } from './totals';

const standard: TaxTreatment = {
  category: 'S',
  rateBasisPoints: 2100,
  exemptionReason: null,
  exemptionReasonCode: null,
};
const reduced: TaxTreatment = { category: 'S', rateBasisPoints: 900, exemptionReason: null, exemptionReasonCode: null };

describe('computeTotals (EN 16931)', () => {
  it('rounds tax once per category total, not per line: three lines of a third', () => {
    // €10.00 split in three lines of 333, 333 and 334 cents; per-line rounding would give 70+70+70 = 210.
    const totals = computeTotals([333, 333, 334].map((netMinor) => ({ netMinor, tax: standard })));
    expect(totals.lineExtensionMinor).toBe(1000);
    expect(totals.subtotals).toEqual([{ tax: standard, taxableMinor: 1000, taxMinor: 210 }]);
    expect(totals.taxInclusiveMinor).toBe(1210);
    expect(totals.payableMinor).toBe(1210);
  });

  it('keeps one subtotal per category and rate, and sums them', () => {
    const totals = computeTotals([
      { netMinor: 1999, tax: standard },
      { netMinor: 505, tax: reduced },
      { netMinor: 1, tax: standard },
    ]);
    expect(totals.subtotals.map((s) => [s.tax.rateBasisPoints, s.taxableMinor, s.taxMinor])).toEqual([
      [2100, 2000, 420],
      [900, 505, 45],
    ]);
    expect(totals.taxMinor).toBe(465);
    expect(totals.taxExclusiveMinor).toBe(2505);
  });

  it('rounds half away from zero, symmetric for credits', () => {
    expect(taxOf(50, 1000)).toBe(5); // 5.0
    expect(taxOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(taxOf(-5, 1000)).toBe(-1);
    expect(taxOf(4, 1000)).toBe(0); // 0.4 → 0
    expect(taxOf(0, 2100)).toBe(0);
  });
});
