/**
 * A tax category as a column says it: the tenant's invoice text with the rate after it ("Btw hoog
 * 21 %") — unless the text names that rate already ("HST 13%", "Btw 5,5 %"), which is then not said
 * twice. `formatNumber` writes the rate in the page's locale.
 */
export function taxLabel(text: string, basisPoints: number | null, formatNumber: (n: number) => string): string {
  if (basisPoints === null) return text;
  const rate = basisPoints / 100;
  const number = String(rate).replace('.', '[.,]');
  if (new RegExp(`(^|[^\\d.,])${number}\\s*%`).test(text)) return text;
  return `${text} ${formatNumber(rate)} %`.trim();
}
