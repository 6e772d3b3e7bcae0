/**
 * Amounts typed by people, as the API takes them: money in whole minor units (cents) and tax rates
 * in basis points. Each parser answers null for what it cannot take exactly — a fraction of a cent is
 * refused at the field, never rounded away.
 */

/** How many decimals the currency's minor unit has (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "12,50", "12.5", "1.234,56" or "1,234.56" → 1250 / 123456 cents. With both separators, the last is
 * the decimal one; a separator that occurs more than once groups thousands; one followed by exactly
 * three digits is read as the language's (`1.234` is 1234 in Dutch, 1.234 — a fraction of a cent,
 * refused — in English). Null for anything else: empty, negative, letters, more decimals than the
 * currency has.
 */
export function parseMajorUnits(text: string, currency: string, language: 'nl' | 'en' = 'nl'): number | null {
  const digits = minorDigits(currency);
  const raw = text.trim().replace(/[\s\u00a0']/g, '');
  if (!/^\d[\d.,]*$/.test(raw)) return null;
  const last = Math.max(raw.lastIndexOf(','), raw.lastIndexOf('.'));
  let whole = raw;
  let fraction = '';
  if (last >= 0) {
    const separator = raw[last];
    const tail = raw.slice(last + 1);
    const both = raw.includes(',') && raw.includes('.');
    const repeated = raw.indexOf(separator) !== last;
    // "0.001" groups nothing: a leading 0 makes the separator a decimal one.
    const isDecimal =
      both ||
      (!repeated && (tail.length !== 3 || separator === (language === 'nl' ? ',' : '.') || raw.startsWith('0')));
    if (isDecimal) {
      whole = raw.slice(0, last);
      fraction = tail;
    }
  }
  if (!/^\d+$/.test(fraction || '0')) return null;
  if (fraction.length > digits) return null;
  if (!/^[1-9]\d{0,2}([.,]\d{3})+$|^\d+$/.test(whole)) return null;
  const groups = whole.match(/[.,]/g) ?? [];
  if (new Set(groups).size > 1) return null;
  const units = Number(whole.replace(/[.,]/g, ''));
  const minor = units * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 1250 cents → "12.50" (no grouping, a dot): what a form control starts from. */
export function formatMajorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

/** "21", "9,5", "13.25" (percent) → 2100 / 950 / 1325 basis points; null beyond two decimals or 100 %. */
export function parsePercent(text: string): number | null {
  const raw = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw)) return null;
  const [whole, fraction = ''] = raw.split('.');
  const points = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return points <= 10000 ? points : null;
}

/** 2100 → "21", 950 → "9.5". */
export function formatPercent(basisPoints: number): string {
  return String(basisPoints / 100);
}

/** 1250 cents → 12.5: the number `maMoney` formats in the currency. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}
