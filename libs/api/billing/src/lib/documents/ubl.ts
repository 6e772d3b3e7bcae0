import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { InvoiceDocument, PostalAddress, SupplierParty, TaxTreatment } from './invoice-document';
import { assertCentsCurrency } from './minor-units';
import { electronicAddress } from '@mijn-account/shared-contracts';
import { EU_COUNTRIES } from './tax-rules';

/** UBL 2.1 namespaces. */
export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** Peppol BIS Billing 3.0 (BT-24 specification identifier, BT-23 business process). */
export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Payment terms (BT-20) of a document without a due date: a credit note is set off or refunded. */
const PAYMENT_TERMS = {
  nl: 'Wordt verrekend met uw volgende factuur of teruggestort.',
  en: 'Set off against your next invoice or refunded.',
} as const;

/**
 * The issued document as a UBL 2.1 Invoice (or CreditNote) following Peppol BIS Billing 3.0 and the
 * EN 16931 business rules (see ADR 0013 for the choices). Pure and deterministic: the same document
 * gives byte-identical XML.
 */
export function renderInvoiceUbl(doc: InvoiceDocument): string {
  assertCentsCurrency(doc.currency);
  const credit = doc.kind === 'credit-note';
  const notSubject = doc.lines.some((line) => line.tax.category === 'O');
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(credit ? UBL_NS.creditNote : UBL_NS.invoice, credit ? 'CreditNote' : 'Invoice')
    .att(XMLNS, 'xmlns:cac', UBL_NS.cac)
    .att(XMLNS, 'xmlns:cbc', UBL_NS.cbc);
  const amount = (parent: XMLBuilder, name: string, minor: number) =>
    cbc(parent, name, money(minor), { currencyID: doc.currency });

  cbc(root, 'CustomizationID', PEPPOL_CUSTOMIZATION_ID);
  cbc(root, 'ProfileID', PEPPOL_PROFILE_ID);
  cbc(root, 'ID', doc.number);
  cbc(root, 'IssueDate', doc.issueDate);
  if (!credit && doc.dueDate) cbc(root, 'DueDate', doc.dueDate);
  cbc(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', credit ? '381' : '380');
  if (doc.note) cbc(root, 'Note', doc.note);
  cbc(root, 'DocumentCurrencyCode', doc.currency);
  // BT-10: Peppol asks for a buyer reference or an order reference (PEPPOL-EN16931-R003).
  cbc(root, 'BuyerReference', doc.customer.customerNumber);
  if (doc.periodStart || doc.periodEnd) period(root, doc.periodStart, doc.periodEnd);
  if (doc.precedingInvoice) {
    const ref = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
    cbc(ref, 'ID', doc.precedingInvoice.number);
    cbc(ref, 'IssueDate', doc.precedingInvoice.issueDate);
  }

  // Seller (BG-4). Under "not subject to VAT" no VAT identifier may appear (BR-O-02).
  const supplierVat = doc.supplier.vatId && EU_COUNTRIES.includes(doc.supplier.address.country);
  const seller = cac(cac(root, 'AccountingSupplierParty'), 'Party');
  const sellerVatForEndpoint = notSubject ? null : doc.supplier.vatId;
  endpoint(
    seller,
    doc.supplier.address.country,
    doc.supplier.registrationNumber,
    sellerVatForEndpoint,
    doc.supplier.email,
  );
  cbc(cac(seller, 'PartyName'), 'Name', doc.branding.displayName);
  address(seller, doc.supplier.address);
  if (doc.supplier.vatId && !(supplierVat && notSubject)) {
    // BT-31 for an EU VAT id; any other tax number (a Canadian GST/HST account) is BT-32, whose
    // tax scheme is not VAT (BR-CO-09 wants an ISO country prefix on VAT ids only).
    taxScheme(seller, doc.supplier.vatId, supplierVat ? 'VAT' : 'TAX');
  }
  legalEntity(seller, doc.supplier.legalName, doc.supplier.registrationNumber);
  if (doc.supplier.email) cbc(cac(seller, 'Contact'), 'ElectronicMail', doc.supplier.email);

  // Buyer (BG-7).
  const buyerVat = buyerVatId(doc);
  const buyer = cac(cac(root, 'AccountingCustomerParty'), 'Party');
  endpoint(buyer, doc.customer.address.country, doc.customer.registrationNumber, buyerVat, doc.customer.email);
  cbc(cac(buyer, 'PartyIdentification'), 'ID', doc.customer.customerNumber);
  address(buyer, doc.customer.address);
  if (buyerVat && !notSubject) taxScheme(buyer, buyerVat, 'VAT');
  legalEntity(buyer, doc.customer.name, doc.customer.registrationNumber);
  if (doc.customer.email) cbc(cac(buyer, 'Contact'), 'ElectronicMail', doc.customer.email);

  // Payment instructions (BG-16): a credit transfer to the supplier's account, quoting the reference.
  // An IBAN in euros is a SEPA credit transfer (58); any other account or currency a credit
  // transfer (30). Either way BT-84 names the account (BR-61) and BT-86 its bank where known: the
  // BIC, or for Canada the routing number of the institution and branch (0 + 3 + 5 digits).
  const payee = payeeAccount(doc.supplier);
  const means = cac(root, 'PaymentMeans');
  cbc(means, 'PaymentMeansCode', payee.sepa && doc.currency === 'EUR' ? '58' : '30');
  if (credit && doc.dueDate) cbc(means, 'PaymentDueDate', doc.dueDate);
  cbc(means, 'PaymentID', doc.paymentReference);
  const account = cac(means, 'PayeeFinancialAccount');
  cbc(account, 'ID', payee.id);
  cbc(account, 'Name', doc.supplier.legalName);
  if (payee.provider) cbc(cac(account, 'FinancialInstitutionBranch'), 'ID', payee.provider);
  if (!doc.dueDate) {
    // BR-CO-25: an amount due without a due date needs payment terms.
    cbc(cac(root, 'PaymentTerms'), 'Note', PAYMENT_TERMS[doc.language]);
  }

  // VAT breakdown (BG-23): one subtotal per category and rate, tax rounded once on its total.
  const taxTotal = cac(root, 'TaxTotal');
  amount(taxTotal, 'TaxAmount', doc.totals.taxMinor);
  for (const subtotal of doc.totals.subtotals) {
    const node = cac(taxTotal, 'TaxSubtotal');
    amount(node, 'TaxableAmount', subtotal.taxableMinor);
    amount(node, 'TaxAmount', subtotal.taxMinor);
    taxCategory(node, 'TaxCategory', subtotal.tax, true);
  }

  const totals = cac(root, 'LegalMonetaryTotal');
  amount(totals, 'LineExtensionAmount', doc.totals.lineExtensionMinor);
  amount(totals, 'TaxExclusiveAmount', doc.totals.taxExclusiveMinor);
  amount(totals, 'TaxInclusiveAmount', doc.totals.taxInclusiveMinor);
  amount(totals, 'PayableAmount', doc.totals.payableMinor);

  for (const line of doc.lines) {
    const node = cac(root, credit ? 'CreditNoteLine' : 'InvoiceLine');
    cbc(node, 'ID', String(line.position));
    cbc(node, credit ? 'CreditedQuantity' : 'InvoicedQuantity', String(line.quantity), { unitCode: 'C62' });
    amount(node, 'LineExtensionAmount', line.netMinor);
    if (line.periodStart || line.periodEnd) period(node, line.periodStart, line.periodEnd);
    const item = cac(node, 'Item');
    cbc(item, 'Name', line.description);
    taxCategory(item, 'ClassifiedTaxCategory', line.tax, false);
    amount(cac(node, 'Price'), 'PriceAmount', line.unitPriceMinor);
  }

  return root.end({ prettyPrint: true });
}

function buyerVatId(doc: InvoiceDocument): string | null {
  const vatId = doc.customer.vatId;
  if (!vatId) return null;
  // Only an EU VAT id is BT-48 (its ISO prefix, EL for Greece, is what BR-CO-09 checks).
  const prefix = doc.customer.address.country === 'GR' ? 'EL' : doc.customer.address.country;
  return EU_COUNTRIES.includes(doc.customer.address.country) && vatId.startsWith(prefix) ? vatId : null;
}

function cbc(parent: XMLBuilder, name: string, text: string, attributes?: Record<string, string>): XMLBuilder {
  parent.ele(UBL_NS.cbc, `cbc:${name}`, attributes).txt(text);
  return parent;
}

function cac(parent: XMLBuilder, name: string): XMLBuilder {
  return parent.ele(UBL_NS.cac, `cac:${name}`);
}

function money(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not a whole number of cents: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function percent(basisPoints: number): string {
  return money(basisPoints);
}

function period(parent: XMLBuilder, start: string | null, end: string | null): void {
  const node = cac(parent, 'InvoicePeriod');
  if (start) cbc(node, 'StartDate', start);
  if (end) cbc(node, 'EndDate', end);
}

function address(party: XMLBuilder, a: PostalAddress): void {
  const node = cac(party, 'PostalAddress');
  if (a.streetLine) cbc(node, 'StreetName', a.streetLine);
  if (a.city) cbc(node, 'CityName', a.city);
  if (a.postalCode) cbc(node, 'PostalZone', a.postalCode);
  if (a.region) cbc(node, 'CountrySubentity', a.region);
  cbc(cac(node, 'Country'), 'IdentificationCode', a.country);
}

function taxScheme(party: XMLBuilder, companyId: string, scheme: 'VAT' | 'TAX'): void {
  const node = cac(party, 'PartyTaxScheme');
  cbc(node, 'CompanyID', companyId);
  cbc(cac(node, 'TaxScheme'), 'ID', scheme);
}

function legalEntity(party: XMLBuilder, name: string, registrationNumber: string | null): void {
  const node = cac(party, 'PartyLegalEntity');
  cbc(node, 'RegistrationName', name);
  if (registrationNumber) cbc(node, 'CompanyID', registrationNumber);
}

function endpoint(
  party: XMLBuilder,
  country: string,
  registrationNumber: string | null,
  vatId: string | null,
  email: string | null,
): void {
  const address = electronicAddress(country, registrationNumber, vatId, email);
  if (address) cbc(party, 'EndpointID', address.id, { schemeID: address.scheme });
}

/**
 * A line's ClassifiedTaxCategory or a breakdown's TaxCategory. "Not subject to VAT" carries no rate
 * (BR-O-05, BR-48); only the breakdown carries an exemption reason, and only where the category
 * calls for one (AE, E, G, O, K: BR-AE-10 …; never for S or Z: BR-S-10, BR-Z-10).
 */
function taxCategory(parent: XMLBuilder, name: string, tax: TaxTreatment, breakdown: boolean): void {
  const node = cac(parent, name);
  cbc(node, 'ID', tax.category);
  if (tax.category !== 'O') cbc(node, 'Percent', percent(tax.rateBasisPoints));
  if (breakdown && tax.category !== 'S' && tax.category !== 'Z') {
    if (tax.exemptionReasonCode) cbc(node, 'TaxExemptionReasonCode', tax.exemptionReasonCode);
    if (tax.exemptionReason) cbc(node, 'TaxExemptionReason', tax.exemptionReason);
  }
  cbc(cac(node, 'TaxScheme'), 'ID', 'VAT');
}

/** BT-84 (the account) and BT-86 (its payment service provider) of the supplier; `sepa` for an IBAN. */
function payeeAccount(supplier: SupplierParty): { id: string; provider: string | null; sepa: boolean } {
  const bank = supplier.bankAccount;
  if (bank)
    return {
      id: bank.accountNumber,
      provider: bank.institutionNumber && bank.transitNumber ? `0${bank.institutionNumber}${bank.transitNumber}` : null,
      sepa: false,
    };
  return { id: (supplier.iban ?? '').replace(/\s/g, ''), provider: supplier.bic, sepa: true };
}
