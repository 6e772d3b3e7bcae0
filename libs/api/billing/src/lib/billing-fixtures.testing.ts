/** Request bodies the billing suites share: a complete Dutch supplier, a monthly plan. */
export const NL_SETTINGS = {
  legalName: 'Alpha Telecom B.V.',
  address: { streetLine: 'Keizersgracht 1', postalCode: '1015cj', city: 'Amsterdam', region: null, country: 'nl' },
  vatId: 'NL004495445B01',
  cocNumber: '12345678',
  iban: 'nl91 abna 0417 1643 00',
  bic: 'abnanl2a',
  numberPrefix: 'AT',
  paymentTermDays: 14,
  reviewWindowHours: 24,
  footerNl: 'Betaling binnen 14 dagen.',
  footerEn: 'Payment within 14 days.',
  timeZone: 'Europe/Amsterdam',
  taxCategories: [
    { code: 'high', category: 'S', rateBasisPoints: 2100, textNl: 'Btw hoog', textEn: 'VAT standard' },
    { code: 'low', category: 'S', rateBasisPoints: 900, textNl: 'Btw laag', textEn: 'VAT reduced' },
    { code: 'zero', category: 'Z', rateBasisPoints: 0, textNl: 'Btw 0%', textEn: 'VAT zero rate' },
  ],
};

/** A Canadian bank account as the settings keep it (digits only). */
export const CA_BANK_ACCOUNT = {
  bankName: 'Royal Bank of Canada',
  institutionNumber: '003',
  transitNumber: '12345',
  accountNumber: '1234567',
};

/** A complete Canadian supplier: outside SEPA, so a Canadian bank account instead of an IBAN. */
export const CA_SETTINGS = {
  ...NL_SETTINGS,
  legalName: 'Beta Communications Inc.',
  address: { streetLine: '100 King St W', postalCode: 'M5X 1A9', city: 'Toronto', region: 'ON', country: 'CA' },
  vatId: '123456782RT0001',
  cocNumber: '123456782',
  iban: null,
  bic: null,
  bankAccount: CA_BANK_ACCOUNT,
  // No KvK/VAT electronic address scheme in Canada: the invoice e-mail is the seller's (required).
  invoiceEmail: 'billing@beta-communications.example',
  numberPrefix: 'BC',
  timeZone: 'America/Toronto',
  taxCategories: [{ code: 'hst', category: 'S', rateBasisPoints: 1300, textNl: 'HST 13%', textEn: 'HST 13%' }],
};

export const PLAN = {
  nameNl: 'Basis',
  nameEn: 'Basic',
  descriptionNl: 'Eén lijn',
  descriptionEn: 'One line',
  priceMinor: 3000,
  currency: 'EUR',
  interval: 'month',
  taxCategory: 'high',
};

/** Today and the first day of this and last month, in the Dutch test tenant's calendar. */
export function calendar(now = new Date()) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
  const [y, m] = today.split('-').map(Number);
  const first = `${today.slice(0, 7)}-01`;
  const previous = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { today, first, last, previous };
}
