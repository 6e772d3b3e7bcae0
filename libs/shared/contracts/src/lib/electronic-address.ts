/**
 * Electronic address schemes (EAS) for a VAT id, by country, for the parties' EndpointID in a Peppol
 * UBL document (PEPPOL-EN16931-R010/R020). Countries not listed fall back to the e-mail address (EAS "EM").
 */
export const VAT_EAS: Readonly<Record<string, string>> = {
  AT: '9914',
  BE: '9925',
  BG: '9926',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  EE: '9931',
  ES: '9920',
  FR: '9957',
  GR: '9933',
  HR: '9934',
  IE: '9935',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  SI: '9949',
  SK: '9950',
};

/**
 * A party's electronic address (BT-34 / BT-49) and its scheme: a Dutch KvK number (0106), else a VAT id
 * where its country has a scheme, else the e-mail address (EM); null when none fits. The UBL writer and
 * the invoicing settings' checklist (an invoice e-mail is required where nothing else fits) both ask it.
 */
export function electronicAddress(
  country: string,
  registrationNumber: string | null,
  vatId: string | null,
  email: string | null,
): { id: string; scheme: string } | null {
  if (country === 'NL' && registrationNumber) return { id: registrationNumber, scheme: '0106' };
  if (vatId && VAT_EAS[country]) return { id: vatId, scheme: VAT_EAS[country] };
  if (email) return { id: email, scheme: 'EM' };
  return null;
}

/**
 * Whether a supplier of this country needs its invoice e-mail as electronic address. A Dutch supplier
 * always has its KvK number (scheme 0106). Anywhere else the e-mail is what is left: a country without a
 * scheme (Canada) has nothing else, and an EU supplier's VAT id leaves its invoices to customers outside
 * the EU (not subject to VAT, BR-O-02), so without the e-mail those would break PEPPOL-EN16931-R020.
 */
export function needsInvoiceEmail(country: string): boolean {
  return country !== 'NL';
}
