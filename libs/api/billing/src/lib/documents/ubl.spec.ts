import { createHash } from 'node:crypto';
import {
  canadianExport,
  canadianHst,
  creditNote,
  domesticNl,
  oneOffLine,
  outsideEuUs,
  proration,
  reverseChargeBe,
  thirds,
  thirtyLines,
} from './document-fixtures.testing';
import { en16931Violations } from './en16931-rules.testing';
import type { InvoiceDocument } from './invoice-document';
import { renderInvoiceUbl } from './ubl';

const cases: [string, () => InvoiceDocument][] = [
  ['domestic NL, 21 % and 9 %', () => domesticNl('nl')],
  ['three lines of a third', thirds],
  ['reverse charge to a Belgian company', () => reverseChargeBe('nl')],
  ['a customer in the United States', () => outsideEuUs('en')],
  ['the Canadian tenant at home, HST 13 %', canadianHst],
  ['the Canadian tenant exporting to the US', canadianExport],
  ['a credit note', () => creditNote('nl')],
  ['a proration credit line (negative quantity)', proration],
  ['a one-off line without a service period', oneOffLine],
  ['thirty lines', thirtyLines],
];

/** The text of every element with this local name (prefix-free: the rule checker reads namespaces). */
function valuesOf(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<cbc:${element}[^>]*>([^<]*)</cbc:${element}>`, 'g'))].map((m) => m[1]);
}

describe('renderInvoiceUbl (Peppol BIS Billing 3.0, EN 16931)', () => {
  it.each(cases)('%s: breaks no EN 16931 rule that applies', (_name, make) => {
    expect(en16931Violations(renderInvoiceUbl(make()))).toEqual([]);
  });

  it.each(cases)('%s: the same document gives byte-identical XML', (_name, make) => {
    const sha = (xml: string) => createHash('sha256').update(xml).digest('hex');
    expect(sha(renderInvoiceUbl(make()))).toBe(sha(renderInvoiceUbl(make())));
  });

  it('writes amounts from cents with two decimals and the tax once per category (three thirds: 2.10, not 2.11)', () => {
    const xml = renderInvoiceUbl(thirds());
    expect(valuesOf(xml, 'LineExtensionAmount')).toEqual(['10.00', '3.33', '3.33', '3.34']);
    expect(valuesOf(xml, 'TaxAmount')).toEqual(['2.10', '2.10']);
    expect(valuesOf(xml, 'PayableAmount')).toEqual(['12.10']);
  });

  it('domestic NL: one breakdown per rate with the seller and buyer VAT ids', () => {
    const xml = renderInvoiceUbl(domesticNl());
    expect(valuesOf(xml, 'Percent')).toEqual(['21.00', '9.00', '21.00', '9.00']);
    expect(valuesOf(xml, 'TaxableAmount')).toEqual(['59.97', '12.50']);
    expect(valuesOf(xml, 'TaxAmount')).toEqual(['13.72', '12.59', '1.13']);
    expect(valuesOf(xml, 'CompanyID')).toEqual(['NL853746333B01', '68750110', 'NL001234567B01', '12345678']);
    expect(xml).toContain('<cbc:EndpointID schemeID="0106">68750110</cbc:EndpointID>');
    expect(xml).toContain('<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>');
    expect(xml).toContain('<cbc:ID>NL91ABNA0417164300</cbc:ID>');
    expect(xml).toContain('<cbc:PaymentID>CM-2026-000042</cbc:PaymentID>');
    expect(xml).not.toContain('TaxExemptionReason');
  });

  it('reverse charge: category AE at 0 % with VATEX-EU-AE and the text, and the buyer VAT id', () => {
    const xml = renderInvoiceUbl(reverseChargeBe('nl'));
    expect(valuesOf(xml, 'TaxExemptionReasonCode')).toEqual(['VATEX-EU-AE']);
    expect(valuesOf(xml, 'TaxExemptionReason')).toEqual(['Btw verlegd']);
    expect(valuesOf(xml, 'TaxAmount')).toEqual(['0.00', '0.00']);
    expect(xml).toContain('<cbc:CompanyID>BE0403879444</cbc:CompanyID>');
    expect(xml).toContain('<cbc:EndpointID schemeID="9925">BE0403879444</cbc:EndpointID>');
  });

  it('outside the EU: category O without a rate, and no VAT id of either party (BR-O-02)', () => {
    const xml = renderInvoiceUbl(outsideEuUs('en'));
    expect(valuesOf(xml, 'TaxExemptionReasonCode')).toEqual(['VATEX-EU-O']);
    expect(valuesOf(xml, 'Percent')).toEqual([]);
    expect(xml).not.toContain('NL853746333B01');
    expect(xml).toContain('<cbc:CompanyID>68750110</cbc:CompanyID>'); // BR-CO-26 through the CoC number
  });

  it('Canada: HST as a tax registration (BT-32, not a VAT id), export zero-rated without an exemption text (BR-Z-10)', () => {
    const home = renderInvoiceUbl(canadianHst());
    expect(home).toMatch(/<cbc:CompanyID>123456782RT0001<\/cbc:CompanyID>\s*<cac:TaxScheme>\s*<cbc:ID>TAX<\/cbc:ID>/);
    expect(valuesOf(home, 'TaxAmount')).toEqual(['17.22', '17.22']);
    // Not SEPA: a credit transfer (30) to the Canadian account, its bank by routing number (0 + institution + transit).
    expect(home).toMatch(
      /<cbc:PaymentMeansCode>30<\/cbc:PaymentMeansCode>[\s\S]*<cac:PayeeFinancialAccount>\s*<cbc:ID>1234567<\/cbc:ID>\s*<cbc:Name>ContactMonkey Inc.<\/cbc:Name>\s*<cac:FinancialInstitutionBranch>\s*<cbc:ID>000312345<\/cbc:ID>/,
    );
    expect(home).not.toContain('IBAN');
    const exported = renderInvoiceUbl(canadianExport());
    expect(valuesOf(exported, 'ID').filter((id) => id === 'Z')).toHaveLength(2);
    expect(exported).not.toContain('TaxExemptionReason');
  });

  it('an IBAN outside euros is a credit transfer (30), not SEPA (58); a bank account without routing names no bank', () => {
    const gbp = renderInvoiceUbl({ ...domesticNl(), currency: 'GBP' });
    expect(gbp).toContain('<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>');
    expect(gbp).toContain('<cbc:ID>NL91ABNA0417164300</cbc:ID>');
    const doc = canadianHst();
    const us = renderInvoiceUbl({
      ...doc,
      supplier: {
        ...doc.supplier,
        bankAccount: {
          bankName: 'Chase',
          institutionNumber: null,
          transitNumber: null,
          accountNumber: '021000021-12345',
        },
      },
    });
    expect(en16931Violations(us)).toEqual([]);
    expect(us).toContain('<cbc:ID>021000021-12345</cbc:ID>');
    expect(us).not.toContain('FinancialInstitutionBranch');
  });

  it('a credit note is a UBL CreditNote that references the invoice it corrects', () => {
    const xml = renderInvoiceUbl(creditNote('nl'));
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(xml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(xml).toMatch(
      /<cac:InvoiceDocumentReference>\s*<cbc:ID>CM-2026-000042<\/cbc:ID>\s*<cbc:IssueDate>2026-12-01<\/cbc:IssueDate>/,
    );
    expect(valuesOf(xml, 'CreditedQuantity')).toEqual(['1']);
  });

  it('a proration credit is a negative quantity at a positive price (BR-27), with its own period', () => {
    const xml = renderInvoiceUbl(proration());
    expect(valuesOf(xml, 'InvoicedQuantity')).toEqual(['1', '-1', '1']);
    expect(valuesOf(xml, 'PriceAmount')).toEqual(['29.99', '5.00', '10.00']);
    expect(valuesOf(xml, 'LineExtensionAmount')).toEqual(['34.99', '29.99', '-5.00', '10.00']);
    expect(valuesOf(xml, 'StartDate')).toEqual(['2026-11-01', '2026-11-01', '2026-11-16', '2026-11-16']);
  });

  it('the rule checker finds what is wrong: a tampered tax amount, a negative price, a VAT id under O, an empty element', () => {
    const good = renderInvoiceUbl(thirds());
    const tampered = good.replaceAll('2.10</cbc:TaxAmount>', '2.11</cbc:TaxAmount>').replace('12.10<', '12.11<');
    expect(en16931Violations(tampered)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^BR-CO-17/), expect.stringMatching(/^BR-S-09/)]),
    );
    const negative = renderInvoiceUbl(proration()).replace(
      '<cbc:PriceAmount currencyID="EUR">5.00',
      '<cbc:PriceAmount currencyID="EUR">-5.00',
    );
    expect(en16931Violations(negative)).toEqual(expect.arrayContaining([expect.stringMatching(/^BR-27/)]));
    const withVat = renderInvoiceUbl(outsideEuUs()).replace(
      '<cac:PartyLegalEntity>',
      '<cac:PartyTaxScheme><cbc:CompanyID>NL853746333B01</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>',
    );
    expect(en16931Violations(withVat)).toEqual(['BR-O-02']);
    const empty = renderInvoiceUbl(domesticNl()).replace('<cbc:Name>CallMonkey</cbc:Name>', '<cbc:Name></cbc:Name>');
    expect(en16931Violations(empty)).toEqual(['PEPPOL-EN16931-R008: Name']);
  });
});
