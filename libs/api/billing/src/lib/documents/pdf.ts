// The font package as an import the build sees, so that the API's generated package.json (and with it
// the production image) installs it; the font files themselves are read from it below.
import '@expo-google-fonts/noto-sans/package.json';
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { InvoiceDocument, InvoiceLine, PostalAddress, SupplierParty, CustomerParty } from './invoice-document';
import { assertCentsCurrency } from './minor-units';
import { EU_COUNTRIES } from './tax-rules';
import { TEXTS, type DocumentTexts } from './texts';

/** Fonts embedded (subset) in every PDF, from an npm font package: no system fonts at run time. */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
} as const;

interface Fonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

let fontCache: Fonts | undefined;

/**
 * Read and parsed once per process (resolved beside this module, so the built API finds them in its
 * node_modules): parsing a font's tables is most of the work of a small PDF, and pdfkit takes a
 * fontkit font as it takes a file. Every document still embeds its own subset of the glyphs it uses.
 */
function fonts(): Fonts {
  if (!fontCache) {
    const resolve = createRequire(__filename).resolve;
    const load = (file: string) => fontkit.create(readFileSync(resolve(file))) as fontkit.Font;
    fontCache = { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };
  }
  return fontCache;
}

const PAGE = { margin: 50, width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - 90; // leave room for the footer
const GREY = '#555555';
const COLUMNS = {
  description: { x: 50, width: 250 },
  quantity: { x: 300, width: 45 },
  unitPrice: { x: 345, width: 70 },
  rate: { x: 415, width: 45 },
  net: { x: 460, width: 85 },
} as const;

/**
 * The issued document as a PDF in its own language and locale (issue 17 §4–§5): every legal mention
 * of Wet OB art. 35a / VAT directive art. 226. Deterministic: the creation date is the issue date and
 * nothing else varies, so the same document gives the same bytes (and SHA-256) on every render.
 */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  assertCentsCurrency(doc.currency);
  const t = TEXTS[doc.language];
  const f = formats(doc);
  const color = /^#[0-9a-f]{6}$/i.test(doc.branding.color) ? doc.branding.color : '#333333';
  const pdf = new PDFDocument({
    font: '', // no standard Helvetica: it would be loaded for nothing, every text is in the embedded fonts
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    lang: doc.locale,
    displayTitle: true,
    info: {
      Title: `${t.title[doc.kind]} ${doc.number}`,
      Author: doc.supplier.legalName,
      Subject: `${t.title[doc.kind]} ${doc.number} — ${doc.customer.name}`,
      Creator: doc.branding.displayName,
      Producer: 'Mijn account',
      CreationDate: new Date(`${doc.issueDate}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const { regular, bold } = fonts();
  // @types/pdfkit lists files and buffers only; pdfkit 0.20 also takes a fontkit font (PDFFontFactory.open).
  pdf.registerFont('regular', regular as unknown as Buffer);
  pdf.registerFont('bold', bold as unknown as Buffer);

  // Header: the tenant's name in its colour, the kind of document on the right.
  pdf.rect(0, 0, PAGE.width, 8).fill(color);
  pdf.font('bold').fontSize(18).fillColor(color).text(doc.branding.displayName, PAGE.margin, 36, { width: 300 });
  pdf
    .font('bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(t.title[doc.kind], PAGE.margin + 300, 36, { width: CONTENT_WIDTH - 300, align: 'right' });

  // Supplier (left) and the document's facts (right).
  let y = 80;
  const supplierEnd = party(pdf, doc.supplier, supplierIds(doc.supplier, t), f, PAGE.margin, y, 250);
  const facts: [string, string][] = [
    [t.number[doc.kind], doc.number],
    [t.issueDate[doc.kind], f.date(doc.issueDate)],
  ];
  if (doc.dueDate) facts.push([t.dueDate, f.date(doc.dueDate)]);
  if (doc.periodStart || doc.periodEnd) facts.push([t.period, f.period(doc.periodStart, doc.periodEnd)]);
  facts.push([t.customerNumber, doc.customer.customerNumber], [t.reference, doc.paymentReference]);
  let factsY = y;
  for (const [label, value] of facts) {
    pdf.font('regular').fontSize(9).fillColor(GREY).text(label, 300, factsY, { width: 100 });
    pdf.font('regular').fontSize(9).fillColor('#000000').text(value, 400, factsY, { width: 145, align: 'right' });
    factsY = Math.max(pdf.y, factsY + 13);
  }
  y = Math.max(supplierEnd, factsY) + 18;

  // Customer: a snapshot of the billing details at finalisation.
  pdf.font('bold').fontSize(9).fillColor(GREY).text(t.billTo, PAGE.margin, y);
  y = party(pdf, doc.customer, customerIds(doc.customer, t), f, PAGE.margin, pdf.y + 2, 300) + 14;

  if (doc.precedingInvoice) {
    const line = t.corrects(doc.precedingInvoice.number, f.date(doc.precedingInvoice.issueDate));
    pdf.font('bold').fontSize(10).fillColor('#000000').text(line, PAGE.margin, y, { width: CONTENT_WIDTH });
    y = pdf.y + 4;
  }
  if (doc.note) {
    pdf.font('regular').fontSize(10).fillColor('#000000').text(doc.note, PAGE.margin, y, { width: CONTENT_WIDTH });
    y = pdf.y + 4;
  }

  // Lines.
  y = tableHeader(pdf, t, color, y + 8);
  for (const line of doc.lines) {
    const height = lineHeight(pdf, line);
    if (y + height > BOTTOM) {
      pdf.addPage();
      y = tableHeader(pdf, t, color, PAGE.margin);
    }
    y = tableRow(pdf, line, t, f, y);
  }

  // Totals and the tax per category.
  const taxWord = t.taxWord(doc.supplier.address.country);
  const rows: { label: string; value: string; bold?: boolean; note?: string }[] = [
    { label: t.subtotal(taxWord), value: f.money(doc.totals.taxExclusiveMinor) },
  ];
  for (const s of doc.totals.subtotals) {
    const rate = s.tax.category === 'O' ? t.notApplicable : f.percent(s.tax.rateBasisPoints);
    rows.push({
      label: t.taxOn(taxWord, rate, f.money(s.taxableMinor)),
      value: f.money(s.taxMinor),
      note: s.tax.exemptionReason ?? undefined,
    });
  }
  rows.push({ label: t.total(taxWord), value: f.money(doc.totals.taxInclusiveMinor) });
  rows.push({
    label: doc.kind === 'credit-note' ? t.refundable : t.payable,
    value: f.money(doc.totals.payableMinor),
    bold: true,
  });
  y += 10;
  if (y + rows.length * 16 + 80 > BOTTOM) {
    pdf.addPage();
    y = PAGE.margin;
  }
  for (const row of rows) {
    pdf
      .moveTo(300, y - 3)
      .lineTo(PAGE.width - PAGE.margin, y - 3)
      .lineWidth(0.5)
      .strokeColor('#dddddd')
      .stroke();
    pdf
      .font(row.bold ? 'bold' : 'regular')
      .fontSize(row.bold ? 11 : 9)
      .fillColor('#000000');
    pdf.text(row.label, 300, y, { width: 160 });
    const labelEnd = pdf.y;
    pdf.text(row.value, 455, y, { width: 90, align: 'right' });
    y = Math.max(labelEnd, pdf.y);
    if (row.note) {
      pdf.font('regular').fontSize(8).fillColor(GREY).text(row.note, 300, y, { width: 245 });
      y = pdf.y;
    }
    y += 6;
  }

  // Payment instructions.
  const instructions =
    doc.kind === 'credit-note'
      ? t.refund
      : t.payment({
          amount: f.money(doc.totals.payableMinor),
          date: doc.dueDate ? f.date(doc.dueDate) : null,
          account: doc.supplier.bankAccount
            ? t.bankAccount(doc.supplier.bankAccount)
            : t.ibanAccount(f.iban(doc.supplier.iban ?? ''), doc.supplier.bic),
          name: doc.supplier.legalName,
          reference: doc.paymentReference,
        });
  pdf
    .font('regular')
    .fontSize(9)
    .fillColor('#000000')
    .text(instructions, PAGE.margin, y + 10, { width: CONTENT_WIDTH });

  // Footer and page numbers on every page.
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing below the margin would otherwise start a new page
    const footerY = PAGE.height - 70;
    pdf
      .moveTo(PAGE.margin, footerY - 6)
      .lineTo(PAGE.width - PAGE.margin, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    if (doc.footer) {
      pdf
        .font('regular')
        .fontSize(8)
        .fillColor(GREY)
        .text(doc.footer, PAGE.margin, footerY, { width: CONTENT_WIDTH - 90 });
    }
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(t.page(i + 1, range.count), PAGE.width - PAGE.margin - 90, footerY, { width: 90, align: 'right' });
    pdf.page.margins.bottom = bottomMargin;
  }
  pdf.end();
  return done;
}

interface Formats {
  money(minor: number): string;
  date(iso: string): string;
  period(start: string | null, end: string | null): string;
  percent(basisPoints: number): string;
  quantity(quantity: number): string;
  iban(iban: string): string;
  country(code: string): string;
}

/** Amounts, dates and numbers in the document's locale (Intl), calendar dates as written (no time zone shift). */
const formatCache = new Map<string, Formats>();

/** Intl formatters are costly to build: one set per locale, currency and language, kept for the process. */
function formats(doc: InvoiceDocument): Formats {
  const key = `${doc.locale}|${doc.currency}|${doc.language}`;
  let cached = formatCache.get(key);
  if (!cached) {
    cached = buildFormats(doc);
    formatCache.set(key, cached);
  }
  return cached;
}

function buildFormats(doc: InvoiceDocument): Formats {
  const money = new Intl.NumberFormat(doc.locale, { style: 'currency', currency: doc.currency });
  const date = new Intl.DateTimeFormat(doc.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const percent = new Intl.NumberFormat(doc.locale, { style: 'percent', maximumFractionDigits: 2 });
  const number = new Intl.NumberFormat(doc.locale, { maximumFractionDigits: 0 });
  const regions = new Intl.DisplayNames([doc.language], { type: 'region' });
  const day = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  return {
    money: (minor) => money.format(minor / 100),
    date: day,
    // One range the locale's way ("1–30 november 2026", "November 1–30, 2026"); an open end as "from – to".
    period: (start, end) =>
      start && end
        ? date.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`))
        : [start ? day(start) : '', end ? day(end) : ''].join(' – '),
    percent: (basisPoints) => percent.format(basisPoints / 10_000),
    quantity: (quantity) => number.format(quantity),
    iban: (iban) => iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 '),
    country: (code) => regions.of(code) ?? code,
  };
}

function supplierIds(s: SupplierParty, t: DocumentTexts): [string, string][] {
  const ids: [string, string][] = [];
  const country = s.address.country;
  if (s.vatId)
    ids.push([EU_COUNTRIES.includes(country) ? t.vatId : country === 'CA' ? t.gstHst : t.taxNumber, s.vatId]);
  if (s.registrationNumber) ids.push([registrationLabel(country, t), s.registrationNumber]);
  if (s.email) ids.push([t.email, s.email]);
  return ids;
}

function customerIds(c: CustomerParty, t: DocumentTexts): [string, string][] {
  const ids: [string, string][] = [];
  const country = c.address.country;
  if (c.vatId)
    ids.push([EU_COUNTRIES.includes(country) ? t.vatId : country === 'CA' ? t.gstHst : t.taxNumber, c.vatId]);
  if (c.registrationNumber) ids.push([registrationLabel(country, t), c.registrationNumber]);
  return ids;
}

function registrationLabel(country: string, t: DocumentTexts): string {
  return country === 'NL' ? t.coc : country === 'CA' ? t.businessNumber : t.registrationNumber;
}

function party(
  pdf: PDFKit.PDFDocument,
  p: { address: PostalAddress } & ({ legalName: string } | { name: string }),
  ids: [string, string][],
  f: Formats,
  x: number,
  y: number,
  width: number,
): number {
  const name = 'legalName' in p ? p.legalName : p.name;
  pdf.font('bold').fontSize(10).fillColor('#000000').text(name, x, y, { width });
  pdf.font('regular').fontSize(9);
  for (const line of addressLines(p.address, f)) pdf.text(line, x, pdf.y, { width });
  for (const [label, value] of ids) pdf.text(`${label}: ${value}`, x, pdf.y, { width });
  return pdf.y;
}

function addressLines(a: PostalAddress, f: Formats): string[] {
  const cityLine = [a.postalCode, a.city, a.region].filter(Boolean).join(' ');
  return [a.streetLine, cityLine, f.country(a.country)].filter((line): line is string => !!line);
}

function tableHeader(pdf: PDFKit.PDFDocument, t: DocumentTexts, color: string, y: number): number {
  pdf.rect(PAGE.margin, y, CONTENT_WIDTH, 18).fill(color);
  pdf.font('bold').fontSize(9).fillColor('#ffffff');
  pdf.text(t.description, COLUMNS.description.x + 4, y + 4, { width: COLUMNS.description.width - 4 });
  pdf.text(t.quantity, COLUMNS.quantity.x, y + 4, { width: COLUMNS.quantity.width, align: 'right' });
  pdf.text(t.unitPrice, COLUMNS.unitPrice.x, y + 4, { width: COLUMNS.unitPrice.width, align: 'right' });
  pdf.text(t.rate, COLUMNS.rate.x, y + 4, { width: COLUMNS.rate.width, align: 'right' });
  pdf.text(t.net, COLUMNS.net.x, y + 4, { width: COLUMNS.net.width - 4, align: 'right' });
  return y + 24;
}

function lineHeight(pdf: PDFKit.PDFDocument, line: InvoiceLine): number {
  pdf.font('regular').fontSize(9);
  const description = pdf.heightOfString(line.description, { width: COLUMNS.description.width - 4 });
  const period = line.periodStart || line.periodEnd ? 11 : 0;
  return description + period + 8;
}

function tableRow(pdf: PDFKit.PDFDocument, line: InvoiceLine, t: DocumentTexts, f: Formats, y: number): number {
  const height = lineHeight(pdf, line);
  pdf.font('regular').fontSize(9).fillColor('#000000');
  pdf.text(line.description, COLUMNS.description.x + 4, y, { width: COLUMNS.description.width - 4 });
  if (line.periodStart || line.periodEnd) {
    pdf
      .fontSize(8)
      .fillColor(GREY)
      .text(f.period(line.periodStart, line.periodEnd), COLUMNS.description.x + 4, pdf.y, {
        width: COLUMNS.description.width - 4,
      });
    pdf.fontSize(9).fillColor('#000000');
  }
  const rate = line.tax.category === 'O' ? t.notApplicable : f.percent(line.tax.rateBasisPoints);
  pdf.text(f.quantity(line.quantity), COLUMNS.quantity.x, y, { width: COLUMNS.quantity.width, align: 'right' });
  pdf.text(f.money(line.unitPriceMinor), COLUMNS.unitPrice.x, y, { width: COLUMNS.unitPrice.width, align: 'right' });
  pdf.text(rate, COLUMNS.rate.x, y, { width: COLUMNS.rate.width, align: 'right' });
  pdf.text(f.money(line.netMinor), COLUMNS.net.x, y, { width: COLUMNS.net.width - 4, align: 'right' });
  pdf
    .moveTo(PAGE.margin, y + height - 3)
    .lineTo(PAGE.width - PAGE.margin, y + height - 3)
    .lineWidth(0.5)
    .strokeColor('#eeeeee')
    .stroke();
  return y + height;
}
