import { invoiceBalance } from './balance';

describe('invoiceBalance', () => {
  const invoice = { kind: 'invoice' as const, status: 'open', grossMinor: 13794, paidMinor: 0, creditedMinor: 0 };

  it('asks what payments and credit notes together leave of the total', () => {
    expect(invoiceBalance(invoice)).toEqual({ outstandingMinor: 13794, overpaidMinor: 0 });
    expect(invoiceBalance({ ...invoice, paidMinor: 5000 })).toEqual({ outstandingMinor: 8794, overpaidMinor: 0 });
    expect(invoiceBalance({ ...invoice, paidMinor: 5000, creditedMinor: 8794, status: 'paid' })).toEqual({
      outstandingMinor: 0,
      overpaidMinor: 0,
    });
  });

  it('says what the customer is owed once a credit note after a payment covers more than the total', () => {
    // The walk-through's CM-2026-000003: €137,94, €50,00 paid, then €90,75 credited: €2,81 overpaid.
    expect(invoiceBalance({ ...invoice, status: 'paid', paidMinor: 5000, creditedMinor: 9075 })).toEqual({
      outstandingMinor: 0,
      overpaidMinor: 281,
    });
  });

  it('asks nothing of credit notes, drafts and void invoices', () => {
    expect(invoiceBalance({ ...invoice, kind: 'credit-note' })).toEqual({ outstandingMinor: 0, overpaidMinor: 0 });
    expect(invoiceBalance({ ...invoice, status: 'draft' })).toEqual({ outstandingMinor: 0, overpaidMinor: 0 });
    expect(invoiceBalance({ ...invoice, status: 'void', paidMinor: 100 })).toEqual({
      outstandingMinor: 0,
      overpaidMinor: 0,
    });
  });
});
