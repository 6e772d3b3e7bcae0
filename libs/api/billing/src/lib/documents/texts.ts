import type { BankAccount } from '@mijn-account/shared-contracts';
import type { InvoiceDocument } from './invoice-document';
import { EU_COUNTRIES } from './tax-rules';

/** The printed words of an invoice or credit note, in the document's language. */
export interface DocumentTexts {
  title: { invoice: string; 'credit-note': string };
  number: { invoice: string; 'credit-note': string };
  issueDate: { invoice: string; 'credit-note': string };
  dueDate: string;
  period: string;
  customerNumber: string;
  reference: string;
  billTo: string;
  email: string;
  vatId: string;
  gstHst: string;
  taxNumber: string;
  coc: string;
  businessNumber: string;
  registrationNumber: string;
  description: string;
  quantity: string;
  unitPrice: string;
  rate: string;
  net: string;
  notApplicable: string;
  /** The name of the tax on this document: btw/VAT in the EU, GST/HST in Canada. */
  taxWord: (supplierCountry: string) => string;
  taxOn: (tax: string, rate: string, base: string) => string;
  subtotal: (tax: string) => string;
  total: (tax: string) => string;
  payable: string;
  refundable: string;
  payment: (p: { amount: string; date: string | null; account: string; name: string; reference: string }) => string;
  /** The account a payment goes to, as the payment sentence names it. */
  ibanAccount: (iban: string, bic: string | null) => string;
  bankAccount: (account: BankAccount) => string;
  refund: string;
  corrects: (number: string, date: string) => string;
  page: (page: number, pages: number) => string;
}

export const TEXTS: Record<InvoiceDocument['language'], DocumentTexts> = {
  nl: {
    title: { invoice: 'Factuur', 'credit-note': 'Creditnota' },
    number: { invoice: 'Factuurnummer', 'credit-note': 'Creditnotanummer' },
    issueDate: { invoice: 'Factuurdatum', 'credit-note': 'Datum creditnota' },
    dueDate: 'Vervaldatum',
    period: 'Periode',
    customerNumber: 'Klantnummer',
    reference: 'Betalingskenmerk',
    billTo: 'Aan',
    email: 'E-mail',
    vatId: 'Btw-nummer',
    gstHst: 'GST/HST-nummer',
    taxNumber: 'Belastingnummer',
    coc: 'KvK-nummer',
    businessNumber: 'Bedrijfsnummer',
    registrationNumber: 'Registratienummer',
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Prijs',
    rate: 'Tarief',
    net: 'Bedrag',
    notApplicable: 'n.v.t.',
    taxWord: (country) => (EU_COUNTRIES.includes(country) ? 'btw' : country === 'CA' ? 'GST/HST' : 'belasting'),
    taxOn: (tax, rate, base) => `${capitalize(tax)} ${rate} over ${base}`,
    subtotal: (tax) => `Totaal excl. ${tax}`,
    total: (tax) => `Totaal incl. ${tax}`,
    payable: 'Te betalen',
    refundable: 'Te ontvangen',
    payment: (p) =>
      `Wij verzoeken u ${p.amount}${p.date ? ` uiterlijk ${p.date}` : ''} over te maken op rekening ${p.account}` +
      ` ten name van ${p.name}, onder vermelding van ${p.reference}.`,
    ibanAccount: (iban, bic) => `${iban}${bic ? ` (BIC ${bic})` : ''}`,
    bankAccount: (a) =>
      `${a.accountNumber}${
        a.institutionNumber && a.transitNumber
          ? ` (instellingsnummer ${a.institutionNumber}, transitnummer ${a.transitNumber})`
          : ''
      } bij ${a.bankName}`,
    refund: 'Dit bedrag wordt verrekend met uw volgende factuur of teruggestort.',
    corrects: (number, date) => `Deze creditnota corrigeert factuur ${number} van ${date}.`,
    page: (page, pages) => `Pagina ${page} van ${pages}`,
  },
  en: {
    title: { invoice: 'Invoice', 'credit-note': 'Credit note' },
    number: { invoice: 'Invoice number', 'credit-note': 'Credit note number' },
    issueDate: { invoice: 'Invoice date', 'credit-note': 'Credit note date' },
    dueDate: 'Due date',
    period: 'Period',
    customerNumber: 'Customer number',
    reference: 'Payment reference',
    billTo: 'To',
    email: 'Email',
    vatId: 'VAT number',
    gstHst: 'GST/HST number',
    taxNumber: 'Tax number',
    coc: 'Chamber of Commerce number',
    businessNumber: 'Business number',
    registrationNumber: 'Registration number',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    rate: 'Rate',
    net: 'Amount',
    notApplicable: 'n/a',
    taxWord: (country) => (EU_COUNTRIES.includes(country) ? 'VAT' : country === 'CA' ? 'GST/HST' : 'tax'),
    taxOn: (tax, rate, base) => `${capitalize(tax)} ${rate} on ${base}`,
    subtotal: (tax) => `Total excl. ${tax}`,
    total: (tax) => `Total incl. ${tax}`,
    payable: 'Amount due',
    refundable: 'Amount credited',
    payment: (p) =>
      `Please transfer ${p.amount}${p.date ? ` by ${p.date}` : ''} to account ${p.account}` +
      ` in the name of ${p.name}, quoting ${p.reference}.`,
    ibanAccount: (iban, bic) => `${iban}${bic ? ` (BIC ${bic})` : ''}`,
    bankAccount: (a) =>
      `${a.accountNumber}${
        a.institutionNumber && a.transitNumber
          ? ` (institution ${a.institutionNumber}, transit ${a.transitNumber})`
          : ''
      } at ${a.bankName}`,
    refund: 'This amount will be set off against your next invoice or refunded.',
    corrects: (number, date) => `This credit note corrects invoice ${number} of ${date}.`,
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
};

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
