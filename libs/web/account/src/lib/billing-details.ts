import { type BillingAddress, type BillingDetails, companyIdRules } from '@mijn-account/shared-contracts';

/** The company fields, in the order the form and the summary show them. */
export const COMPANY_FIELDS = ['companyName', 'cocNumber', 'vatId', 'billingEmail'] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

/** Nothing filled in yet: no company field and no address. */
export function nothingFilledIn(details: BillingDetails): boolean {
  return !details.address && COMPANY_FIELDS.every((field) => !details[field]);
}

/**
 * The label (translation key) of each company field for an address in `country` (null: none
 * picked): the registration and tax id the country has, by their own names.
 */
export function companyLabels(country: string | null): Record<CompanyField, string> {
  const ids = country ? companyIdRules(country) : null;
  return {
    companyName: 'fields.companyName',
    cocNumber: ids?.registration ? `billing.registration.${ids.registration}` : 'fields.cocNumber',
    vatId: ids?.taxId ? `billing.taxId.${ids.taxId}` : 'fields.vatId',
    billingEmail: 'fields.billingEmail',
  };
}

/** The countries that write the city before the postal code (and a state or province between). */
const CITY_FIRST = new Set(['US', 'CA', 'AU', 'GB', 'IE']);

/**
 * An invoice address as the lines on an envelope in its country: the street line (a house number
 * kept apart joins it), then "1234 AB Utrecht" or "Ottawa ON K2P 1L4" (city
 * first in North America, the UK, Ireland and Australia), then the country's name.
 */
export function addressLines(address: BillingAddress, countryName: string): string[] {
  const country = address.country.toUpperCase();
  const street = [address.street, address.houseNumber, address.houseNumberAddition].filter(Boolean).join(' ');
  const place = CITY_FIRST.has(country)
    ? [address.city, address.region, address.postalCode]
    : [address.postalCode, address.city, address.region];
  return [street, place.filter(Boolean).join(' '), countryName].filter(Boolean);
}
