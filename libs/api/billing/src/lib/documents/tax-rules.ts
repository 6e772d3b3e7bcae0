import type { TaxCategoryCode, TaxTreatment } from './invoice-document';

/** EU member states (ISO 3166-1; Greece's VAT ids use the prefix EL, its country code is GR). */
export const EU_COUNTRIES: readonly string[] =
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');

export interface TaxRuleInput {
  supplierCountry: string;
  customerCountry: string;
  customerVatId: string | null;
  /** The VAT id's format and check digits were valid when it was saved (no VIES lookup). */
  customerVatValid: boolean | null;
  /** The plan's tax category as the tenant configured it for domestic customers. */
  domestic: { category: TaxCategoryCode; rateBasisPoints: number; text: { nl: string; en: string } | null };
  language: 'nl' | 'en';
}

const TEXTS = {
  AE: { nl: 'Btw verlegd', en: 'VAT reverse charged', code: 'VATEX-EU-AE' },
  O: {
    nl: 'Niet onderworpen aan btw (dienst buiten de EU)',
    en: 'Not subject to VAT (service outside the EU)',
    code: 'VATEX-EU-O',
  },
  Z: { nl: 'Nultarief (export)', en: 'Zero-rated (export)', code: null },
} as const;

/**
 * Which VAT applies to a line for this customer (issue 17 §4). An EU supplier charges its domestic
 * rate at home and to customers without a valid VAT id in other member states; a business customer
 * with a valid VAT id in another member state gets reverse charge (AE, 0 %); a customer outside the
 * EU is not subject to the supplier's VAT (O). A supplier outside the EU (the Canadian tenant)
 * charges its own tax at home and zero-rates exports (Z).
 */
export function taxTreatmentFor(input: TaxRuleInput): TaxTreatment {
  const { supplierCountry, customerCountry, domestic, language } = input;
  const supplierInEu = EU_COUNTRIES.includes(supplierCountry);
  if (customerCountry === supplierCountry) return domesticTreatment(domestic, language);
  if (supplierInEu && EU_COUNTRIES.includes(customerCountry)) {
    if (input.customerVatId && input.customerVatValid) return fixed('AE', language);
    return domesticTreatment(domestic, language);
  }
  return supplierInEu ? fixed('O', language) : fixed('Z', language);
}

function domesticTreatment(domestic: TaxRuleInput['domestic'], language: 'nl' | 'en'): TaxTreatment {
  return {
    category: domestic.category,
    rateBasisPoints: domestic.rateBasisPoints,
    exemptionReason: domestic.category === 'S' ? null : (domestic.text?.[language] ?? null),
    exemptionReasonCode: null,
  };
}

function fixed(category: keyof typeof TEXTS, language: 'nl' | 'en'): TaxTreatment {
  const text = TEXTS[category];
  return { category, rateBasisPoints: 0, exemptionReason: text[language], exemptionReasonCode: text.code };
}
