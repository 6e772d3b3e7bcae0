import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { InvoiceDocument } from './invoice-document';
import { renderInvoicePdf } from './pdf';
import { renderInvoiceUbl } from './ubl';

/** One rendered file of an issued document, with the SHA-256 to store beside it. */
export interface RenderedFile {
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
  mediaType: 'application/pdf' | 'application/xml';
  /** e.g. "CM-2026-000042.pdf". */
  fileName: string;
}

export interface RenderedDocument {
  pdf: RenderedFile;
  ubl: RenderedFile;
}

/**
 * Renders an issued invoice or credit note to its PDF and its UBL 2.1 (Peppol BIS Billing 3.0) file.
 * Pure: the same InvoiceDocument gives the same bytes, so a stored file's SHA-256 can be checked by
 * rendering the stored document again.
 */
@Injectable()
export class InvoiceRenderer {
  async render(doc: InvoiceDocument): Promise<RenderedDocument> {
    const pdf = await renderInvoicePdf(doc);
    const ubl = Buffer.from(renderInvoiceUbl(doc), 'utf8');
    const base = doc.number.replace(/[^A-Za-z0-9._-]/g, '_');
    return {
      pdf: { bytes: pdf, sha256: sha256(pdf), mediaType: 'application/pdf', fileName: `${base}.pdf` },
      ubl: { bytes: ubl, sha256: sha256(ubl), mediaType: 'application/xml', fileName: `${base}.xml` },
    };
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
