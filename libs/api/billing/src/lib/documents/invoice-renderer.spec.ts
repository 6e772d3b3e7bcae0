import { createHash } from 'node:crypto';
import { creditNote, domesticNl } from './document-fixtures.testing';
import { InvoiceRenderer } from './invoice-renderer';
import { renderInvoiceUbl } from './ubl';

describe('InvoiceRenderer', () => {
  const renderer = new InvoiceRenderer();

  it('renders the PDF and the UBL with the SHA-256 of each, the same again for the same document', async () => {
    const first = await renderer.render(domesticNl('nl'));
    const again = await renderer.render(domesticNl('nl'));
    expect(first.pdf.sha256).toBe(createHash('sha256').update(first.pdf.bytes).digest('hex'));
    expect(first.ubl.sha256).toBe(createHash('sha256').update(first.ubl.bytes).digest('hex'));
    expect(first.ubl.bytes.toString('utf8')).toBe(renderInvoiceUbl(domesticNl('nl')));
    expect(first.pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect([again.pdf.sha256, again.ubl.sha256]).toEqual([first.pdf.sha256, first.ubl.sha256]);
    expect([first.pdf.fileName, first.pdf.mediaType, first.ubl.fileName, first.ubl.mediaType]).toEqual([
      'CM-2026-000042.pdf',
      'application/pdf',
      'CM-2026-000042.xml',
      'application/xml',
    ]);
  });

  it('a different document gives different files', async () => {
    const invoice = await renderer.render(domesticNl('nl'));
    const credit = await renderer.render(creditNote('nl'));
    expect(credit.pdf.sha256).not.toBe(invoice.pdf.sha256);
    expect(credit.ubl.sha256).not.toBe(invoice.ubl.sha256);
    expect(credit.ubl.fileName).toBe('CM-C-2026-000007.xml');
  });

  it('refuses a currency without two decimals instead of misprinting its amounts', async () => {
    const yen = { ...domesticNl('nl'), currency: 'JPY' };
    await expect(renderer.render(yen)).rejects.toThrow('Currency JPY does not have two decimals');
    expect(() => renderInvoiceUbl(yen)).toThrow(RangeError);
  });
});
