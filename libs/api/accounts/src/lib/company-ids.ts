import { checkVAT, countries as vatCountries } from 'jsvat';
import {
  type FieldError,
  companyIdRules,
  normalizeGstHst,
  normalizeRegistration,
} from '@mijn-account/shared-contracts';

/*
 * A company's registration number and tax id, checked by its country's rules: the subscriber's
 * billing details and the tenant's invoicing settings use the same checks (and field-error codes).
 * `stored`: the value already saved; sent back unchanged it is kept as it is (old-form values still
 * load and save). Pass null where there is nothing stored to honour.
 */

const compact = (value: string) => value.toUpperCase().replace(/[\s.-]/g, '');

/** The registration number in `country`'s form; the `stored` one sent back unchanged is kept as it is. */
export function checkRegistration(
  raw: string | null | undefined,
  country: string | null,
  stored: string | null,
  errors: FieldError[],
): string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (stored !== null && compact(value) === compact(stored)) return stored;
  if (!country) {
    if (/^[0-9A-Za-z]{4,20}$/.test(value)) return value;
  } else if (!companyIdRules(country).registration) {
    errors.push({
      field: 'cocNumber',
      code: 'notApplicable',
      message: `No registration number is asked for companies in ${country}`,
    });
    return value;
  } else {
    const written = normalizeRegistration(country, value);
    if (written) return written;
  }
  errors.push({
    field: 'cocNumber',
    code: 'isRegistrationNumber',
    message: `Not a company registration number of ${country ?? 'this country'}`,
  });
  return value;
}

/** A VAT id (jsvat) or, in Canada, a GST/HST account; the `stored` one sent back unchanged is kept as it is. */
export function checkTaxId(
  raw: string | null | undefined,
  country: string | null,
  stored: string | null,
  errors: FieldError[],
): string | null {
  const value = raw ? compact(raw) : null;
  if (!value) return null;
  if (value === stored) return value;
  const kind = country ? companyIdRules(country).taxId : 'vat';
  if (kind === 'gstHst') {
    const written = normalizeGstHst(value);
    if (!written)
      errors.push({
        field: 'vatId',
        code: 'isGstHstNumber',
        message: 'A GST/HST number: the 9-digit business number and RT0001',
      });
    return written ?? value;
  }
  if (kind === null) {
    errors.push({ field: 'vatId', code: 'notApplicable', message: `No tax id is asked for companies in ${country}` });
    return value;
  }
  return normalizeVat(value, errors);
}

/** Upper-case, no spaces or dots; refused unless jsvat finds the format and check digits right. */
function normalizeVat(raw: string | null | undefined, errors: FieldError[]): string | null {
  const value = raw?.toUpperCase().replace(/[\s.-]/g, '');
  if (!value) return null;
  const result = checkVAT(value, vatCountries);
  if (!result.isSupportedCountry) {
    errors.push({
      field: 'vatId',
      code: 'vatCountry',
      message: 'Start with the country code of an EU country, such as NL',
    });
  } else if (!result.isValid) {
    errors.push({
      field: 'vatId',
      code: 'vatChecksum',
      message: 'This VAT number is not valid (format or check digits)',
    });
  }
  return value;
}
