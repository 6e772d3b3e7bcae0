import { countries as vatCountries } from 'jsvat';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import {
  COUNTRY_CODES,
  VAT_COUNTRIES,
  addressRules,
  companyIdRules,
  isRegion,
  normalizeGstHst,
  normalizePostalCode,
  normalizeRegistration,
} from './address';

describe('country lists', () => {
  it('are the maintained ones: ISO 3166-1 as validator.js keeps it, VAT countries as jsvat checks them', () => {
    expect([...COUNTRY_CODES].sort()).toEqual([...CountryCodes].sort());
    expect([...VAT_COUNTRIES].sort()).toEqual(
      vatCountries
        .map((c) => c.codes[0])
        .filter((c) => c !== 'EU')
        .sort(),
    );
  });
});

describe('addressRules', () => {
  it('gives NL, BE and DE a house-number field, the US a state, CA a province, others a generic form', () => {
    expect(addressRules('nl')).toMatchObject({
      country: 'NL',
      houseNumber: true,
      region: null,
      postalCode: { required: true, example: '1234 AB' },
    });
    expect(addressRules('BE').houseNumber).toBe(true);
    expect(addressRules('DE').houseNumber).toBe(true);
    expect(addressRules('FR')).toMatchObject({ houseNumber: false, region: null });
    expect(addressRules('GB')).toMatchObject({ houseNumber: false, postalCode: { label: 'postcode' } });
    expect(addressRules('US')).toMatchObject({
      houseNumber: false,
      region: { kind: 'state' },
      postalCode: { label: 'zipCode' },
    });
    expect(addressRules('CA')).toMatchObject({
      houseNumber: false,
      region: { kind: 'province' },
      postalCode: { example: 'H3B 2Y5' },
    });
    expect(addressRules('JP')).toMatchObject({
      houseNumber: false,
      region: 'free',
      postalCode: { required: false, example: null },
    });
  });

  it('knows Canadian provinces and US states', () => {
    expect(isRegion('CA', 'QC')).toBe(true);
    expect(isRegion('CA', 'qc')).toBe(true);
    expect(isRegion('CA', 'TX')).toBe(false);
    expect(isRegion('US', 'TX')).toBe(true);
    expect(isRegion('NL', 'Utrecht')).toBe(false);
    expect(isRegion('JP', 'Tokyo')).toBe(true);
  });
});

describe('normalizePostalCode', () => {
  it.each([
    ['NL', '1234ab', '1234 AB'],
    ['NL', ' 3512  ph ', '3512 PH'],
    ['BE', '1000', '1000'],
    ['DE', '10115', '10115'],
    ['FR', '75001', '75001'],
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', 'M1 1AE', 'M1 1AE'],
    ['US', '94105', '94105'],
    ['US', '941051234', '94105-1234'],
    ['CA', 'h3b2y5', 'H3B 2Y5'],
    ['CA', 'M5R 2A5', 'M5R 2A5'],
    ['JP', '100-0001', '100-0001'],
  ])('%s %s → %s', (country, raw, written) => expect(normalizePostalCode(country, raw)).toBe(written));

  it.each([
    ['NL', '0123 AB'],
    ['NL', '1234'],
    ['BE', '10000'],
    ['DE', '1011'],
    ['GB', '12345'],
    ['US', '9410'],
    ['CA', 'D3B 2Y5'],
    ['CA', '1234 AB'],
    ['JP', '!'],
  ])('refuses %s %s', (country, raw) => expect(normalizePostalCode(country, raw)).toBeNull());
});

describe('company registration and tax ids', () => {
  it('names the kinds per country, none where none applies', () => {
    expect(companyIdRules('NL')).toEqual({ registration: 'kvk', taxId: 'vat' });
    expect(companyIdRules('BE')).toEqual({ registration: 'kbo', taxId: 'vat' });
    expect(companyIdRules('CA')).toEqual({ registration: 'businessNumber', taxId: 'gstHst' });
    expect(companyIdRules('US')).toEqual({ registration: null, taxId: null });
    expect(companyIdRules('JP')).toEqual({ registration: 'generic', taxId: null });
  });

  it('checks registration numbers per country', () => {
    expect(normalizeRegistration('NL', '1234 5678')).toBe('12345678');
    expect(normalizeRegistration('NL', '1234567')).toBeNull();
    expect(normalizeRegistration('BE', '0403.170.701')).toBe('0403170701');
    expect(normalizeRegistration('BE', '0403.170.702')).toBeNull();
    expect(normalizeRegistration('DE', 'hrb 12345 b')).toBe('HRB 12345 B');
    expect(normalizeRegistration('FR', '732 829 320')).toBe('732829320');
    expect(normalizeRegistration('FR', '732 829 321')).toBeNull();
    expect(normalizeRegistration('GB', 'sc123456')).toBe('SC123456');
    expect(normalizeRegistration('CA', '123 456 782')).toBe('123456782');
    expect(normalizeRegistration('CA', '123456789')).toBeNull();
    expect(normalizeRegistration('US', '12-3456789')).toBeNull();
    expect(normalizeRegistration('JP', 'abc-1234')).toBe('ABC1234');
  });

  it('checks a GST/HST account: 9-digit business number with its check digit + RT + 4 digits', () => {
    expect(normalizeGstHst('123456782 RT0001')).toBe('123456782RT0001');
    expect(normalizeGstHst('123456789RT0001')).toBeNull();
    expect(normalizeGstHst('123456782')).toBeNull();
    expect(normalizeGstHst('123456782RC0001')).toBeNull();
  });
});
