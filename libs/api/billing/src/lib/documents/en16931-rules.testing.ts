import { create } from 'xmlbuilder2';
import { PEPPOL_CUSTOMIZATION_ID, PEPPOL_PROFILE_ID, UBL_NS } from './ubl';

/**
 * The CEN EN 16931 business rules (and the few Peppol BIS rules) that apply to what renderInvoiceUbl
 * emits, checked the way a validator does: by reading the XML back (namespace-aware) and recomputing
 * every total and tax breakdown from the lines. Returns the ids of the rules broken, with a detail.
 * Rule texts: the eInvoicing-EN16931 schematron (EN16931-UBL-model), Peppol BIS Billing 3.0.
 */
export function en16931Violations(xml: string): string[] {
  const root = parse(xml);
  const v: string[] = [];
  const check = (ok: boolean, rule: string, detail = '') => {
    if (!ok) v.push(detail ? `${rule}: ${detail}` : rule);
  };
  const credit = root.localName === 'CreditNote';
  check(root.namespaceURI === (credit ? UBL_NS.creditNote : UBL_NS.invoice), 'UBL-namespace', root.namespaceURI ?? '');
  const get = (path: string, from: Element = root) => texts(from, path);
  const one = (path: string, from: Element = root) => get(path, from)[0];

  // Mandatory elements (BR-01 … BR-16) and Peppol's process and customization.
  check(one('cbc:CustomizationID') === PEPPOL_CUSTOMIZATION_ID, 'BR-01');
  check(one('cbc:ProfileID') === PEPPOL_PROFILE_ID, 'PEPPOL-EN16931-R001');
  check(!!one('cbc:ID'), 'BR-02');
  check(isDate(one('cbc:IssueDate')), 'BR-03');
  check(one(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode') === (credit ? '381' : '380'), 'BR-04');
  const currency = one('cbc:DocumentCurrencyCode');
  check(/^[A-Z]{3}$/.test(currency ?? ''), 'BR-05');
  const seller = first(root, 'cac:AccountingSupplierParty/cac:Party');
  const buyer = first(root, 'cac:AccountingCustomerParty/cac:Party');
  check(!!seller && !!one('cac:PartyLegalEntity/cbc:RegistrationName', seller), 'BR-06');
  check(!!buyer && !!one('cac:PartyLegalEntity/cbc:RegistrationName', buyer), 'BR-07');
  check(!!seller && !!first(seller, 'cac:PostalAddress'), 'BR-08');
  check(
    !!seller && /^[A-Z]{2}$/.test(one('cac:PostalAddress/cac:Country/cbc:IdentificationCode', seller) ?? ''),
    'BR-09',
  );
  check(!!buyer && !!first(buyer, 'cac:PostalAddress'), 'BR-10');
  check(
    !!buyer && /^[A-Z]{2}$/.test(one('cac:PostalAddress/cac:Country/cbc:IdentificationCode', buyer) ?? ''),
    'BR-11',
  );
  check(!!one('cbc:BuyerReference'), 'PEPPOL-EN16931-R003');
  if (!seller || !buyer) return v;
  for (const [party, rule, bt] of [
    [seller, 'PEPPOL-EN16931-R020', 'BR-62'],
    [buyer, 'PEPPOL-EN16931-R010', 'BR-63'],
  ] as const) {
    const endpoint = first(party, 'cbc:EndpointID');
    check(!!endpoint?.textContent, rule);
    check(!endpoint || !!endpoint.getAttribute('schemeID'), bt);
  }

  const totals = first(root, 'cac:LegalMonetaryTotal');
  const total = (name: string) => cents(one(`cbc:${name}`, totals ?? root));
  check(total('LineExtensionAmount') !== null, 'BR-12');
  check(total('TaxExclusiveAmount') !== null, 'BR-13');
  check(total('TaxInclusiveAmount') !== null, 'BR-14');
  check(total('PayableAmount') !== null, 'BR-15');
  const lineNodes = children(root, credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
  check(lineNodes.length > 0, 'BR-16');

  // Every amount: two decimals at most (UBL-DT-01, BR-DEC-*), in the document's currency (PEPPOL-EN16931-R051).
  for (const el of descendants(root)) {
    // PEPPOL-EN16931-R008: no empty elements.
    check(elementChildren(el).length > 0 || (el.textContent ?? '').trim() !== '', 'PEPPOL-EN16931-R008', el.localName);
    const id = el.getAttribute('currencyID');
    if (id === null) continue;
    check(/^-?\d+(\.\d{1,2})?$/.test(el.textContent ?? ''), 'UBL-DT-01', `${el.localName} ${el.textContent}`);
    check(id === currency, 'PEPPOL-EN16931-R051', el.localName);
  }

  // Lines (BR-21 … BR-27, BR-CO-04, BR-30, BR-CO-20, PEPPOL-EN16931-R120).
  const lines = lineNodes.map((node) => {
    const quantity = first(node, credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity');
    const price = cents(one('cac:Price/cbc:PriceAmount', node));
    const net = cents(one('cbc:LineExtensionAmount', node));
    const category = one('cac:Item/cac:ClassifiedTaxCategory/cbc:ID', node);
    const percent = one('cac:Item/cac:ClassifiedTaxCategory/cbc:Percent', node);
    const id = one('cbc:ID', node) ?? '?';
    check(!!one('cbc:ID', node), 'BR-21');
    check(!!quantity?.textContent, 'BR-22', id);
    check(!!quantity?.getAttribute('unitCode'), 'BR-23', id);
    check(net !== null, 'BR-24', id);
    check(!!one('cac:Item/cbc:Name', node), 'BR-25', id);
    check(price !== null, 'BR-26', id);
    check(price === null || price >= 0, 'BR-27', id);
    check(!!category, 'BR-CO-04', id);
    check(net === Number(quantity?.textContent) * (price ?? NaN), 'PEPPOL-EN16931-R120', id);
    const period = first(node, 'cac:InvoicePeriod');
    if (period) {
      const [start, end] = [one('cbc:StartDate', period), one('cbc:EndDate', period)];
      check(!!start || !!end, 'BR-CO-20', id);
      check(!start || !end || end >= start, 'BR-30', id);
    }
    return { id, net: net ?? 0, category: category ?? '', percent: percent === undefined ? null : Number(percent) };
  });
  const period = first(root, 'cac:InvoicePeriod');
  if (period) {
    const [start, end] = [one('cbc:StartDate', period), one('cbc:EndDate', period)];
    check(!!start || !!end, 'BR-CO-19');
    check(!start || !end || end >= start, 'BR-29');
  }

  // Totals (BR-CO-10, -13, -15, -16).
  const sumLines = lines.reduce((sum, line) => sum + line.net, 0);
  check(total('LineExtensionAmount') === sumLines, 'BR-CO-10', `${total('LineExtensionAmount')} ≠ Σ ${sumLines}`);
  check(total('TaxExclusiveAmount') === sumLines, 'BR-CO-13');
  const taxTotals = children(root, 'cac:TaxTotal');
  check(taxTotals.length === 1, 'PEPPOL-EN16931-R053', 'one TaxTotal (no tax currency)');
  const taxTotal = taxTotals[0];
  const documentTax = cents(one('cbc:TaxAmount', taxTotal ?? root)) ?? NaN;
  check(total('TaxInclusiveAmount') === (total('TaxExclusiveAmount') ?? NaN) + documentTax, 'BR-CO-15');
  const prepaid = total('PrepaidAmount') ?? 0;
  const rounding = total('PayableRoundingAmount') ?? 0;
  check(total('PayableAmount') === (total('TaxInclusiveAmount') ?? NaN) - prepaid + rounding, 'BR-CO-16');
  if ((total('PayableAmount') ?? 0) > 0) {
    const due = one(credit ? 'cac:PaymentMeans/cbc:PaymentDueDate' : 'cbc:DueDate');
    check(isDate(due) || !!one('cac:PaymentTerms/cbc:Note'), 'BR-CO-25');
  }

  // Payment instructions (BR-49, BR-61).
  for (const means of children(root, 'cac:PaymentMeans')) {
    const code = one('cbc:PaymentMeansCode', means);
    check(!!code, 'BR-49');
    if (code === '30' || code === '58') check(!!one('cac:PayeeFinancialAccount/cbc:ID', means), 'BR-61');
    if (code === '58')
      check(
        /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(one('cac:PayeeFinancialAccount/cbc:ID', means) ?? ''),
        'BR-61',
        'IBAN',
      );
  }

  // Credit notes name the invoice they correct (BT-25, BR-55).
  if (credit) check(!!one('cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'), 'BR-55 (BT-25)');

  // Identifiers: BR-CO-09 (ISO prefix on VAT ids), BR-CO-26 (the seller can be identified).
  const vatIdOf = (party: Element) =>
    children(party, 'cac:PartyTaxScheme').find((s) => one('cac:TaxScheme/cbc:ID', s) === 'VAT');
  const taxRegistrationOf = (party: Element) =>
    children(party, 'cac:PartyTaxScheme').find((s) => one('cac:TaxScheme/cbc:ID', s) !== 'VAT');
  const sellerVat = vatIdOf(seller) ? one('cbc:CompanyID', vatIdOf(seller)) : undefined; // BT-31
  const sellerTaxRegistration = taxRegistrationOf(seller) ? one('cbc:CompanyID', taxRegistrationOf(seller)) : undefined; // BT-32
  const buyerVat = vatIdOf(buyer) ? one('cbc:CompanyID', vatIdOf(buyer)) : undefined; // BT-48
  const buyerLegalId = one('cac:PartyLegalEntity/cbc:CompanyID', buyer); // BT-47
  for (const id of [sellerVat, buyerVat]) {
    if (id) check(/^(EL|XI|[A-Z]{2})/.test(id) && isCountryPrefix(id.slice(0, 2)), 'BR-CO-09', id);
  }
  check(
    !!one('cac:PartyIdentification/cbc:ID', seller) ||
      !!one('cac:PartyLegalEntity/cbc:CompanyID', seller) ||
      !!sellerVat,
    'BR-CO-26',
  );

  // The VAT breakdown (BR-CO-14, -17, -18, BR-45 … BR-48) and each category's own rules.
  const subtotals = taxTotal
    ? children(taxTotal, 'cac:TaxSubtotal').map((node) => ({
        taxable: cents(one('cbc:TaxableAmount', node)),
        tax: cents(one('cbc:TaxAmount', node)),
        category: one('cac:TaxCategory/cbc:ID', node) ?? '',
        percent: one('cac:TaxCategory/cbc:Percent', node),
        reasonCode: one('cac:TaxCategory/cbc:TaxExemptionReasonCode', node),
        reason: one('cac:TaxCategory/cbc:TaxExemptionReason', node),
        scheme: one('cac:TaxCategory/cac:TaxScheme/cbc:ID', node),
      }))
    : [];
  check(subtotals.length > 0, 'BR-CO-18');
  check(documentTax === subtotals.reduce((sum, s) => sum + (s.tax ?? NaN), 0), 'BR-CO-14');
  for (const s of subtotals) {
    check(s.taxable !== null, 'BR-45');
    check(s.tax !== null, 'BR-46');
    check(!!s.category, 'BR-47');
    check(s.category === 'O' || s.percent !== undefined, 'BR-48');
    check(s.scheme === 'VAT', 'BR-CO-18', 'tax scheme VAT');
    if (s.percent !== undefined && s.taxable !== null) {
      check(s.tax === roundedTax(s.taxable, Number(s.percent)), 'BR-CO-17', `${s.category} ${s.percent}: ${s.tax}`);
    }
  }

  const categoriesUsed = new Set(lines.map((line) => line.category));
  const breakdowns = (category: string) => subtotals.filter((s) => s.category === category);
  const linesOf = (category: string, percent?: number) =>
    lines.filter((line) => line.category === category && (percent === undefined || line.percent === percent));
  const sumOf = (items: { net: number }[]) => items.reduce((sum, line) => sum + line.net, 0);
  const sellerHasTaxId = !!sellerVat || !!sellerTaxRegistration;

  for (const category of categoriesUsed) {
    const rule = `BR-${category}`;
    const own = breakdowns(category);
    // -01: one breakdown of the category (at least one, per rate, for S).
    check(category === 'S' ? own.length > 0 : own.length === 1, `${rule}-01`);
    // -02: who must be identified.
    if (category === 'S' || category === 'Z' || category === 'E') check(sellerHasTaxId, `${rule}-02`);
    if (category === 'AE') check(sellerHasTaxId && (!!buyerVat || !!buyerLegalId), 'BR-AE-02');
    if (category === 'G') check(!!sellerVat, 'BR-G-02');
    if (category === 'O') check(!sellerVat && !buyerVat, 'BR-O-02');
    // -05: the line's rate.
    for (const line of linesOf(category)) {
      if (category === 'S') check((line.percent ?? 0) > 0, 'BR-S-05', line.id);
      else if (category === 'O') check(line.percent === null, 'BR-O-05', line.id);
      else check(line.percent === 0, `${rule}-05`, line.id);
    }
    // -08, -09, -10: each breakdown of the category.
    for (const s of own) {
      const percent = s.percent === undefined ? undefined : Number(s.percent);
      const expected = sumOf(category === 'S' ? linesOf(category, percent) : linesOf(category));
      check(s.taxable === expected, `${rule}-08`, `${s.taxable} ≠ ${expected}`);
      if (category === 'S') check(s.tax === roundedTax(s.taxable ?? NaN, percent ?? NaN), 'BR-S-09');
      else check(s.tax === 0, `${rule}-09`);
      const hasReason = !!s.reasonCode || !!s.reason;
      if (category === 'S' || category === 'Z') check(!hasReason, `${rule}-10`);
      else check(hasReason, `${rule}-10`);
      // Peppol's VATEX code list: the code belongs to the category.
      if (s.reasonCode) check(s.reasonCode === `VATEX-EU-${category}` || category === 'E', 'BR-CL-22', s.reasonCode);
    }
  }
  // A breakdown only for categories the lines use; O stands alone (BR-O-11, BR-O-12).
  for (const s of subtotals) check(categoriesUsed.has(s.category), `BR-${s.category}-08`, 'breakdown without lines');
  if (breakdowns('O').length > 0) {
    check(subtotals.length === 1, 'BR-O-11');
    check(categoriesUsed.size === 1, 'BR-O-12');
  }
  return v;
}

// ---- reading the XML -------------------------------------------------------------------------

const PREFIXES: Record<string, string> = { cac: UBL_NS.cac, cbc: UBL_NS.cbc };

function parse(xml: string): Element {
  const document = create(xml).node as unknown as Document;
  return document.documentElement;
}

function elementChildren(el: Element): Element[] {
  return Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
}

function children(el: Element, qname: string): Element[] {
  const [prefix, local] = qname.split(':');
  return elementChildren(el).filter((c) => c.localName === local && c.namespaceURI === PREFIXES[prefix]);
}

function all(el: Element, path: string): Element[] {
  return path.split('/').reduce<Element[]>((found, step) => found.flatMap((node) => children(node, step)), [el]);
}

function first(el: Element, path: string): Element | undefined {
  return all(el, path)[0];
}

function texts(el: Element, path: string): string[] {
  return all(el, path).map((node) => (node.textContent ?? '').trim());
}

function descendants(el: Element): Element[] {
  return elementChildren(el).flatMap((child) => [child, ...descendants(child)]);
}

/** "12.34" → 1234 cents, exactly (no floating point); null when absent or not an amount. */
function cents(text: string | undefined): number | null {
  const m = text === undefined ? null : /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** taxable × rate / 100, rounded to whole cents half away from zero (BR-CO-17), from the percentage as written. */
function roundedTax(taxableCents: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.sign(taxableCents) * Math.round((Math.abs(taxableCents) * basisPoints) / 10_000);
}

function isDate(text: string | undefined): boolean {
  return !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
}

function isCountryPrefix(prefix: string): boolean {
  if (prefix === 'EL' || prefix === 'XI') return true;
  return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(prefix) !== undefined;
}
