import { createHash } from 'node:crypto';
import {
  canadianHst,
  creditNote,
  domesticNl,
  outsideEuUs,
  reverseChargeBe,
  thirtyLines,
} from './document-fixtures.testing';
import { renderInvoicePdf } from './pdf';
import { pdfTexts } from './pdf-text.testing';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const documents = {
  domesticNl: () => domesticNl('nl'),
  canadianHst,
  reverseChargeNl: () => reverseChargeBe('nl'),
  reverseChargeEn: () => reverseChargeBe('en'),
  outsideEuEn: () => outsideEuUs('en'),
  creditNoteNl: () => creditNote('nl'),
  creditNoteEn: () => creditNote('en'),
  thirtyLines,
};
type Name = keyof typeof documents;

describe('renderInvoicePdf', () => {
  const text = {} as Record<Name, string>;

  beforeAll(async () => {
    // Every PDF rendered, then all read back in one child process (PDF.js takes a while to load).
    const names = Object.keys(documents) as Name[];
    const pdfs = await Promise.all(names.map((name) => renderInvoicePdf(documents[name]())));
    const texts = await pdfTexts(pdfs);
    names.forEach((name, i) => (text[name] = texts[i]));
  }, 60_000);

  afterEach(() => jest.useRealTimers());

  it('gives the same bytes (and SHA-256) for the same document, whatever the clock says', async () => {
    const first = await renderInvoicePdf(domesticNl('nl'));
    jest.useFakeTimers({
      now: new Date('2031-05-05T12:34:56Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    const second = await renderInvoicePdf(domesticNl('nl'));
    expect(sha256(second)).toBe(sha256(first));
    expect(second.equals(first)).toBe(true);
    // The creation date is the issue date, not the time of rendering.
    expect(first.toString('latin1')).toContain('(D:20261201000000Z)');
  });

  it('embeds its fonts (no standard PDF fonts, which a reader would substitute)', async () => {
    const raw = (await renderInvoicePdf(domesticNl('nl'))).toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('Dutch: every legal mention of Wet OB art. 35a, amounts and dates the Dutch way', async () => {
    for (const expected of [
      // supplier: legal name, address, VAT id, chamber of commerce
      'CallMonkey B.V.',
      'Keizersgracht 123',
      '1015 CJ Amsterdam',
      'Nederland',
      'Btw-nummer: NL853746333B01',
      'KvK-nummer: 68750110',
      // customer snapshot
      'Bakkerij De Vries',
      'Dorpsstraat 12 A',
      '3421 AB Oudewater',
      'Btw-nummer: NL001234567B01',
      'Klantnummer CM-10001',
      // number, dates, service period
      'Factuur',
      'Factuurnummer CM-2026-000042',
      'Factuurdatum 1 december 2026',
      'Vervaldatum 15 december 2026',
      'Periode 1–30 november 2026',
      // lines: quantity, unit price, rate, net
      'Telefonie Zakelijk (3 toestellen)',
      '3 € 19,99 21% € 59,97',
      'Vakblad Bakkerswereld',
      '1 € 12,50 9% € 12,50',
      // taxable amount and tax per rate, totals
      'Btw 21% over € 59,97 € 12,59',
      'Btw 9% over € 12,50 € 1,13',
      'Totaal excl. btw € 72,47',
      'Totaal incl. btw € 86,19',
      'Te betalen € 86,19',
      // payment instructions
      'NL91 ABNA 0417 1643 00',
      'uiterlijk 15 december 2026',
      'onder vermelding van CM-2026-000042',
      'Pagina 1 van 1',
    ]) {
      expect(text.domesticNl).toContain(expected);
    }
  });

  it('English (Canada): the same mentions in English, dollars and dates the Canadian way', async () => {
    for (const expected of [
      'Invoice',
      'ContactMonkey Inc.',
      '100 King Street West',
      'M5X 1A9 Toronto ON',
      'Canada',
      'GST/HST number: 123456782RT0001',
      'Business number: 123456782',
      'Maple Leaf Logistics',
      'GST/HST number: 987654321RT0001',
      'Invoice number CT-2026-000042',
      'Invoice date December 1, 2026',
      'Due date December 15, 2026',
      'Period November 1–30, 2026',
      '5 $24.50 13% $122.50',
      'GST/HST 13% on $132.45 $17.22',
      'Total excl. GST/HST $132.45',
      'Amount due $149.67',
      'Please transfer $149.67 by December 15, 2026',
      'to account 1234567 (institution 003, transit 12345) at Royal Bank of Canada',
      'quoting CT-2026-000042',
      'Page 1 of 1',
    ]) {
      expect(text.canadianHst).toContain(expected);
    }
  });

  it('reverse charge and outside the EU: the exemption texts, in the document language', async () => {
    const nl = text.reverseChargeNl;
    expect(nl).toContain('Btw 0% over € 99,98 € 0,00');
    expect(nl).toContain('Btw verlegd');
    expect(nl).toContain('Btw-nummer: BE0403879444');
    expect(text.reverseChargeEn).toContain('VAT reverse charged');
    const us = text.outsideEuEn;
    expect(us).toContain('Not subject to VAT (service outside the EU)');
    expect(us).toContain('VAT number: NL853746333B01'); // printed for the reader; only the UBL leaves it out (BR-O-02)
  });

  it('a credit note names the invoice it corrects, in Dutch and in English', async () => {
    const nl = text.creditNoteNl;
    expect(nl).toContain('Creditnota');
    expect(nl).toContain('Creditnotanummer CM-C-2026-000007');
    expect(nl).toContain('Datum creditnota 10 december 2026');
    expect(nl).toContain('Deze creditnota corrigeert factuur CM-2026-000042 van 1 december 2026.');
    expect(nl).toContain('Te ontvangen € 24,19');
    const en = text.creditNoteEn;
    expect(en).toContain('Credit note');
    expect(en).toContain('This credit note corrects invoice CM-2026-000042');
  });

  it('thirty lines run onto more pages, each with the table header and its page number', async () => {
    const pages = Number(/Pagina 1 van (\d+)/.exec(text.thirtyLines)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) expect(text.thirtyLines).toContain(`Pagina ${page} van ${pages}`);
    expect(text.thirtyLines.split('Omschrijving Aantal Prijs Tarief Bedrag')).toHaveLength(pages + 1);
    expect(text.thirtyLines).toContain('Toestel 30: Telefonie Zakelijk');
    expect(text.thirtyLines).toContain('Te betalen');
  });
});
