import type { CustomerParty, InvoiceDocument, InvoiceLine, SupplierParty, TaxTreatment } from './invoice-document';
import { taxTreatmentFor } from './tax-rules';
import { computeTotals } from './totals';

/** Sample issued documents for the renderers' tests and the benchmark (issue 17 §4 cases). */

export const callMonkey: SupplierParty = {
  legalName: 'CallMonkey B.V.',
  address: { streetLine: 'Keizersgracht 123', postalCode: '1015 CJ', city: 'Amsterdam', region: null, country: 'NL' },
  vatId: 'NL853746333B01',
  registrationNumber: '68750110',
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  email: 'facturen@callmonkey.example',
};

export const contactMonkey: SupplierParty = {
  legalName: 'ContactMonkey Inc.',
  address: { streetLine: '100 King Street West', postalCode: 'M5X 1A9', city: 'Toronto', region: 'ON', country: 'CA' },
  vatId: '123456782RT0001',
  registrationNumber: '123456782',
  iban: null,
  bic: null,
  bankAccount: {
    bankName: 'Royal Bank of Canada',
    institutionNumber: '003',
    transitNumber: '12345',
    accountNumber: '1234567',
  },
  email: 'billing@contactmonkey.example',
};

export const bakkerij: CustomerParty = {
  customerNumber: 'CM-10001',
  name: 'Bakkerij De Vries',
  address: { streetLine: 'Dorpsstraat 12 A', postalCode: '3421 AB', city: 'Oudewater', region: null, country: 'NL' },
  vatId: 'NL001234567B01',
  registrationNumber: '12345678',
  email: 'eva@bakkerijdevries.example',
};

export const belgian: CustomerParty = {
  customerNumber: 'CM-10003',
  name: 'Brouwerij Het Anker BV',
  address: { streetLine: 'Guido Gezellelaan 49', postalCode: '2800', city: 'Mechelen', region: null, country: 'BE' },
  vatId: 'BE0403879444',
  registrationNumber: '0403879444',
  email: 'boekhouding@hetanker.example',
};

export const american: CustomerParty = {
  customerNumber: 'CM-10004',
  name: 'Acme Widgets LLC',
  address: { streetLine: '1 Infinite Loop', postalCode: '95014', city: 'Cupertino', region: 'CA', country: 'US' },
  vatId: null,
  registrationNumber: null,
  email: 'ap@acme.example',
};

export const mapleLeaf: CustomerParty = {
  customerNumber: 'CT-20001',
  name: 'Maple Leaf Logistics',
  address: { streetLine: '250 Front Street', postalCode: 'K1P 5J9', city: 'Ottawa', region: 'ON', country: 'CA' },
  vatId: '987654321RT0001',
  registrationNumber: '987654321',
  email: 'olivia@mapleleaf.example',
};

const NL_21 = { category: 'S', rateBasisPoints: 2100, text: null } as const;
const NL_9 = { category: 'S', rateBasisPoints: 900, text: null } as const;
const CA_HST = { category: 'S', rateBasisPoints: 1300, text: null } as const;

export function treatment(
  supplier: SupplierParty,
  customer: CustomerParty,
  domestic: { category: 'S'; rateBasisPoints: number; text: null } = NL_21,
  language: 'nl' | 'en' = 'nl',
): TaxTreatment {
  return taxTreatmentFor({
    supplierCountry: supplier.address.country,
    customerCountry: customer.address.country,
    customerVatId: customer.vatId,
    customerVatValid: customer.vatId ? true : null,
    domestic,
    language,
  });
}

type LineInput = Omit<InvoiceLine, 'position' | 'netMinor'>;

export function lines(...inputs: LineInput[]): InvoiceLine[] {
  return inputs.map((line, i) => ({ ...line, position: i + 1, netMinor: line.quantity * line.unitPriceMinor }));
}

export function documentOf(
  base: Omit<InvoiceDocument, 'totals' | 'lines'> & { lines: InvoiceLine[] },
): InvoiceDocument {
  return { ...base, totals: computeTotals(base.lines) };
}

const NOVEMBER = { periodStart: '2026-11-01', periodEnd: '2026-11-30' };

function invoice(
  supplier: SupplierParty,
  customer: CustomerParty,
  language: 'nl' | 'en',
  locale: string,
  currency: string,
  docLines: InvoiceLine[],
): InvoiceDocument {
  const prefix = supplier === callMonkey ? 'CM' : 'CT';
  return documentOf({
    kind: 'invoice',
    number: `${prefix}-2026-000042`,
    issueDate: '2026-12-01',
    dueDate: '2026-12-15',
    currency,
    language,
    locale,
    ...NOVEMBER,
    supplier,
    customer,
    lines: docLines,
    paymentReference: `${prefix}-2026-000042`,
    precedingInvoice: null,
    note: null,
    footer:
      language === 'nl'
        ? `Vragen over deze factuur? Mail ${supplier.email}.`
        : `Questions about this invoice? Write to ${supplier.email}.`,
    branding:
      supplier === callMonkey
        ? { displayName: 'CallMonkey', color: '#0b5394' }
        : { displayName: 'ContactMonkey', color: '#b45f06' },
  });
}

/** Domestic NL: a plan at 21 % and an add-on at 9 %. */
export function domesticNl(language: 'nl' | 'en' = 'nl'): InvoiceDocument {
  const s21 = treatment(callMonkey, bakkerij, NL_21, language);
  const s9 = treatment(callMonkey, bakkerij, NL_9, language);
  return invoice(
    callMonkey,
    bakkerij,
    language,
    language === 'nl' ? 'nl-NL' : 'en-NL',
    'EUR',
    lines(
      { description: 'Telefonie Zakelijk (3 toestellen)', quantity: 3, unitPriceMinor: 1999, tax: s21, ...NOVEMBER },
      { description: 'Vakblad Bakkerswereld', quantity: 1, unitPriceMinor: 1250, tax: s9, ...NOVEMBER },
    ),
  );
}

/** Three lines of a third of €10.00: per-line rounding would give 3 × 70 cents of tax, EN 16931 gives 210. */
export function thirds(): InvoiceDocument {
  const s21 = treatment(callMonkey, bakkerij);
  return invoice(
    callMonkey,
    bakkerij,
    'nl',
    'nl-NL',
    'EUR',
    lines(
      { description: 'Deel 1 van 3', quantity: 1, unitPriceMinor: 333, tax: s21, ...NOVEMBER },
      { description: 'Deel 2 van 3', quantity: 1, unitPriceMinor: 333, tax: s21, ...NOVEMBER },
      { description: 'Deel 3 van 3', quantity: 1, unitPriceMinor: 334, tax: s21, ...NOVEMBER },
    ),
  );
}

/** A Belgian company with a valid VAT id: reverse charge (AE). */
export function reverseChargeBe(language: 'nl' | 'en' = 'nl'): InvoiceDocument {
  const ae = treatment(callMonkey, belgian, NL_21, language);
  return invoice(
    callMonkey,
    belgian,
    language,
    language === 'nl' ? 'nl-BE' : 'en-BE',
    'EUR',
    lines({ description: 'Telefonie Zakelijk', quantity: 2, unitPriceMinor: 4999, tax: ae, ...NOVEMBER }),
  );
}

/** A customer in the United States: not subject to Dutch VAT (O). */
export function outsideEuUs(language: 'nl' | 'en' = 'en'): InvoiceDocument {
  const o = treatment(callMonkey, american, NL_21, language);
  return invoice(
    callMonkey,
    american,
    language,
    language === 'nl' ? 'nl-NL' : 'en-US',
    'EUR',
    lines({ description: 'Business Telephony', quantity: 1, unitPriceMinor: 7999, tax: o, ...NOVEMBER }),
  );
}

/** The Canadian tenant at home: HST 13 % in CAD. */
export function canadianHst(): InvoiceDocument {
  const hst = treatment(contactMonkey, mapleLeaf, CA_HST, 'en');
  return invoice(
    contactMonkey,
    mapleLeaf,
    'en',
    'en-CA',
    'CAD',
    lines(
      { description: 'Contact Centre Pro (5 seats)', quantity: 5, unitPriceMinor: 2450, tax: hst, ...NOVEMBER },
      { description: 'Call recording storage', quantity: 1, unitPriceMinor: 995, tax: hst, ...NOVEMBER },
    ),
  );
}

/** The Canadian tenant exporting to a US customer: zero-rated (Z). */
export function canadianExport(): InvoiceDocument {
  const z = treatment(contactMonkey, american, CA_HST, 'en');
  return invoice(
    contactMonkey,
    american,
    'en',
    'en-CA',
    'CAD',
    lines({ description: 'Contact Centre Pro (2 seats)', quantity: 2, unitPriceMinor: 2450, tax: z, ...NOVEMBER }),
  );
}

/** A plan change on 16 November: the unused half of the old plan credited (negative quantity), the new plan charged. */
export function proration(): InvoiceDocument {
  const s21 = treatment(callMonkey, bakkerij);
  return invoice(
    callMonkey,
    bakkerij,
    'nl',
    'nl-NL',
    'EUR',
    lines(
      { description: 'Telefonie Zakelijk', quantity: 1, unitPriceMinor: 2999, tax: s21, ...NOVEMBER },
      {
        description: 'Tegoed Telefonie Basis, 16–30 november',
        quantity: -1,
        unitPriceMinor: 500,
        tax: s21,
        periodStart: '2026-11-16',
        periodEnd: '2026-11-30',
      },
      {
        description: 'Telefonie Zakelijk, 16–30 november',
        quantity: 1,
        unitPriceMinor: 1000,
        tax: s21,
        periodStart: '2026-11-16',
        periodEnd: '2026-11-30',
      },
    ),
  );
}

/** A one-off line (no service period) beside a plan, on an invoice without a document period. */
export function oneOffLine(): InvoiceDocument {
  const s21 = treatment(callMonkey, bakkerij);
  return {
    ...documentOf({
      ...domesticNl('nl'),
      lines: lines(
        { description: 'Telefonie Zakelijk', quantity: 1, unitPriceMinor: 2999, tax: s21, ...NOVEMBER },
        {
          description: 'Installatie op locatie',
          quantity: 1,
          unitPriceMinor: 7500,
          tax: s21,
          periodStart: null,
          periodEnd: null,
        },
      ),
    }),
    periodStart: null,
    periodEnd: null,
  };
}

/** A credit note for one line of an invoice, numbered in its own series, referencing the invoice. */
export function creditNote(language: 'nl' | 'en' = 'nl'): InvoiceDocument {
  const s21 = treatment(callMonkey, bakkerij, NL_21, language);
  return documentOf({
    ...domesticNl(language),
    kind: 'credit-note',
    number: 'CM-C-2026-000007',
    issueDate: '2026-12-10',
    dueDate: null,
    paymentReference: 'CM-C-2026-000007',
    precedingInvoice: { number: 'CM-2026-000042', issueDate: '2026-12-01' },
    note: language === 'nl' ? 'Eén toestel te veel in rekening gebracht.' : 'One handset charged too many.',
    lines: lines({
      description: 'Telefonie Zakelijk (1 toestel)',
      quantity: 1,
      unitPriceMinor: 1999,
      tax: s21,
      ...NOVEMBER,
    }),
  });
}

/** A long invoice (30 lines) for the benchmark and the page-break path. */
export function thirtyLines(): InvoiceDocument {
  const s21 = treatment(callMonkey, bakkerij);
  const many = Array.from({ length: 30 }, (_, i) => ({
    description: `Toestel ${i + 1}: Telefonie Zakelijk met voicemail en doorschakelen`,
    quantity: 1 + (i % 3),
    unitPriceMinor: 999 + i * 37,
    tax: s21,
    ...NOVEMBER,
  }));
  return invoice(callMonkey, bakkerij, 'nl', 'nl-NL', 'EUR', lines(...many));
}
