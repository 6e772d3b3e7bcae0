/**
 * Addresses, company registration and tax ids per country: the rules the API validates with and the
 * web form is laid out by (issue 16 §4). NL, BE, DE, FR, GB, US and CA have rules of their own; every
 * other country gets a generic form (street line, optional region and postal code).
 */

/** ISO 3166-1 alpha-2 (the list validator.js keeps; a unit test holds them equal). */
export const COUNTRY_CODES: readonly string[] =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

/** Countries whose VAT ids are checked for format and check digits (the countries jsvat knows; a unit test holds them equal). */
export const VAT_COUNTRIES: readonly string[] =
  'AD AT BE BR BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL NO PL PT RO RU RS SK SI ES SE CH GB'.split(' ');

const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
const STATES = (
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
  'AS GU MP PR VI AA AE AP'
).split(' ');

/** Stable field-error codes of these rules (each has a `fieldErrors.<code>` translation in the web app). */
export const ADDRESS_ERROR_CODES = [
  'required',
  'isPostalCode',
  'isRegion',
  'isRegistrationNumber',
  'isGstHstNumber',
  'notApplicable',
] as const;

export interface AddressRules {
  country: string;
  /** The house number has its own field (NL, BE, DE); elsewhere it is part of the street line. */
  houseNumber: boolean;
  /** A required state or province (US, CA) with its codes; `free` an optional free-text region (generic form). */
  region: { kind: 'state' | 'province'; codes: readonly string[] } | 'free' | null;
  /** The postal code's label (`postalCode`, `zipCode`, `postcode`), an example, and whether the country requires one. */
  postalCode: { label: 'postalCode' | 'zipCode' | 'postcode'; example: string | null; required: boolean };
}

interface PostalRule {
  pattern: RegExp;
  example: string;
  label?: AddressRules['postalCode']['label'];
  /** Written form after a valid match (spaces and case already normalised). */
  format?: (compact: string) => string;
}

const POSTAL: Record<string, PostalRule> = {
  NL: { pattern: /^[1-9]\d{3}[A-Z]{2}$/, example: '1234 AB', format: (c) => `${c.slice(0, 4)} ${c.slice(4)}` },
  BE: { pattern: /^[1-9]\d{3}$/, example: '1000' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  GB: {
    pattern: /^(GIR0AA|[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2})$/,
    example: 'SW1A 1AA',
    label: 'postcode',
    format: (c) => `${c.slice(0, -3)} ${c.slice(-3)}`,
  },
  US: {
    pattern: /^\d{5}(\d{4})?$/,
    example: '94105',
    label: 'zipCode',
    format: (c) => (c.length === 9 ? `${c.slice(0, 5)}-${c.slice(5)}` : c),
  },
  CA: {
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/,
    example: 'H3B 2Y5',
    format: (c) => `${c.slice(0, 3)} ${c.slice(3)}`,
  },
};

/** The address form and checks for a country (upper-case ISO code); the generic form for countries without rules. */
export function addressRules(country: string): AddressRules {
  const code = country.toUpperCase();
  const postal = POSTAL[code];
  return {
    country: code,
    houseNumber: code === 'NL' || code === 'BE' || code === 'DE',
    region:
      code === 'US'
        ? { kind: 'state', codes: STATES }
        : code === 'CA'
          ? { kind: 'province', codes: PROVINCES }
          : postal
            ? null
            : 'free',
    postalCode: { label: postal?.label ?? 'postalCode', example: postal?.example ?? null, required: !!postal },
  };
}

/** The postal code as it is written in `country` ("1234ab" → "1234 AB", "h3b2y5" → "H3B 2Y5"), or null when it is not one. */
export function normalizePostalCode(country: string, raw: string): string | null {
  const value = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  const rule = POSTAL[country.toUpperCase()];
  if (!rule) return /^[A-Z0-9][A-Z0-9 -]{1,11}$/.test(value) ? value : null;
  const compact = value.replace(/[\s-]/g, '');
  if (!rule.pattern.test(compact)) return null;
  return rule.format ? rule.format(compact) : compact;
}

/** Whether `region` is allowed in `country` (a state or province code where there are such, free text elsewhere). */
export function isRegion(country: string, region: string): boolean {
  const rule = addressRules(country).region;
  if (rule === null) return false;
  if (rule === 'free') return region.length <= 100;
  return rule.codes.includes(region.toUpperCase());
}

export type RegistrationKind =
  'kvk' | 'kbo' | 'handelsregister' | 'siren' | 'companiesHouse' | 'businessNumber' | 'generic';
export type TaxIdKind = 'vat' | 'gstHst';

/**
 * Which company registration and tax id a country has: NL KvK (8 digits), BE enterprise number (10
 * digits, mod 97), DE Handelsregister (HRA/HRB …), FR SIREN (9 digits, Luhn), GB Companies House
 * number, CA business number (9 digits, Luhn) with a GST/HST account (BN + RT0001); a VAT id where
 * jsvat checks one; none for the US; a generic registration number elsewhere.
 */
export function companyIdRules(country: string): { registration: RegistrationKind | null; taxId: TaxIdKind | null } {
  const code = country.toUpperCase();
  const registration: Record<string, RegistrationKind | null> = {
    NL: 'kvk',
    BE: 'kbo',
    DE: 'handelsregister',
    FR: 'siren',
    GB: 'companiesHouse',
    CA: 'businessNumber',
    US: null,
  };
  return {
    registration: code in registration ? registration[code] : 'generic',
    taxId: code === 'CA' ? 'gstHst' : VAT_COUNTRIES.includes(code) ? 'vat' : null,
  };
}

/** Luhn (mod 10) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The registration number as stored (spaces, dots and dashes out; DE keeps "HRB 12345"), or null when it is not one of `country`. */
export function normalizeRegistration(country: string, raw: string): string | null {
  const kind = companyIdRules(country).registration;
  const compact = raw.toUpperCase().replace(/[\s.-]/g, '');
  switch (kind) {
    case 'kvk':
      return /^\d{8}$/.test(compact) ? compact : null;
    case 'kbo':
      return /^[01]\d{9}$/.test(compact) && 97 - (Number(compact.slice(0, 8)) % 97) === Number(compact.slice(8))
        ? compact
        : null;
    case 'handelsregister': {
      const m = /^(HRA|HRB|GNR|PR|VR)(\d{1,6})([A-Z]{0,2})$/.exec(compact);
      return m ? `${m[1] === 'GNR' ? 'GnR' : m[1]} ${m[2]}${m[3] ? ` ${m[3]}` : ''}` : null;
    }
    case 'siren':
    case 'businessNumber':
      return /^\d{9}$/.test(compact) && luhnValid(compact) ? compact : null;
    case 'companiesHouse':
      return /^(\d{8}|[A-Z]{2}\d{6})$/.test(compact) ? compact : null;
    case 'generic':
      return /^[0-9A-Z]{4,20}$/.test(compact) ? compact : null;
    default:
      return null;
  }
}

/** A Canadian GST/HST account: the 9-digit business number (Luhn) + RT + a 4-digit account ("123456782 RT0001" → "123456782RT0001"). */
export function normalizeGstHst(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s.-]/g, '');
  return /^\d{9}RT\d{4}$/.test(compact) && luhnValid(compact.slice(0, 9)) ? compact : null;
}
