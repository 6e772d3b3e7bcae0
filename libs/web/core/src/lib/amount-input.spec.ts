import {
  formatMajorUnits,
  majorUnits,
  formatPercent,
  minorDigits,
  parseMajorUnits,
  parsePercent,
} from './amount-input';

describe('amounts typed by people', () => {
  it('knows the decimals of a currency', () => {
    expect([minorDigits('EUR'), minorDigits('CAD'), minorDigits('JPY'), minorDigits('BHD')]).toEqual([2, 2, 0, 3]);
  });

  it('reads major units in either language’s way into whole cents', () => {
    expect(parseMajorUnits('12', 'EUR')).toBe(1200);
    expect(parseMajorUnits('12,5', 'EUR')).toBe(1250);
    expect(parseMajorUnits('12.50', 'EUR')).toBe(1250);
    expect(parseMajorUnits(' 0,01 ', 'EUR')).toBe(1);
    expect(parseMajorUnits('1.234,56', 'EUR')).toBe(123456);
    expect(parseMajorUnits('1,234.56', 'CAD', 'en')).toBe(123456);
    expect(parseMajorUnits('1.234', 'EUR', 'nl')).toBe(123400);
    expect(parseMajorUnits('1,234', 'CAD', 'en')).toBe(123400);
    expect(parseMajorUnits('1.234.567', 'EUR', 'en')).toBe(123456700);
    expect(parseMajorUnits('12.50', 'EUR', 'nl')).toBe(1250);
    expect(parseMajorUnits('1 234,00', 'EUR')).toBe(123400);
    expect(parseMajorUnits('0.1', 'EUR')).toBe(10);
    expect(parseMajorUnits('500', 'JPY')).toBe(500);
  });

  it('refuses a fraction of a cent, negative amounts and what is not a number (null: the field says so)', () => {
    expect(parseMajorUnits('12,505', 'EUR')).toBeNull();
    expect(parseMajorUnits('0.001', 'EUR')).toBeNull();
    expect(parseMajorUnits('5.5', 'JPY')).toBeNull();
    expect(parseMajorUnits('-3', 'EUR')).toBeNull();
    expect(parseMajorUnits('', 'EUR')).toBeNull();
    expect(parseMajorUnits('12a', 'EUR')).toBeNull();
    expect(parseMajorUnits('1,2,3', 'EUR')).toBeNull();
    expect(parseMajorUnits('12.34.56', 'EUR')).toBeNull();
    expect(parseMajorUnits('1.234', 'EUR', 'en')).toBeNull();
    expect(parseMajorUnits('1,234', 'EUR', 'nl')).toBeNull();
  });

  it('writes cents back as major units a control can hold, round-tripping', () => {
    expect(formatMajorUnits(1250, 'EUR')).toBe('12.50');
    expect(formatMajorUnits(5, 'EUR')).toBe('0.05');
    expect(formatMajorUnits(500, 'JPY')).toBe('500');
    expect([majorUnits(1250, 'EUR'), majorUnits(500, 'JPY')]).toEqual([12.5, 500]);
    for (const cents of [0, 1, 99, 100, 123456, 999999999])
      expect(parseMajorUnits(formatMajorUnits(cents, 'EUR'), 'EUR')).toBe(cents);
  });

  it('reads tax rates in percent as basis points', () => {
    expect(parsePercent('21')).toBe(2100);
    expect(parsePercent('9,5')).toBe(950);
    expect(parsePercent('13.25 %')).toBe(1325);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('100.01')).toBeNull();
    expect(parsePercent('9.125')).toBeNull();
    expect(parsePercent('-1')).toBeNull();
    expect(formatPercent(950)).toBe('9.5');
    expect(parsePercent(formatPercent(2100))).toBe(2100);
  });
});
