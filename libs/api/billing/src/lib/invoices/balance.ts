/**
 * What an issued invoice still asks, or what its customer is owed (ADR 0014, "Balance"): payments and
 * credit notes both settle it. Outstanding is gross − paid − credited while that is above zero; once
 * they exceed the total (a credit note after a payment) the difference is overpaid: money the customer
 * is owed, shown as such (a credit balance, as Stripe and Chargebee show it), never as a negative
 * "outstanding". Credit notes, drafts and void invoices ask nothing and are owed nothing.
 */
export interface InvoiceBalance {
  outstandingMinor: number;
  overpaidMinor: number;
}

export function invoiceBalance(invoice: {
  kind: 'invoice' | 'credit-note';
  status: string;
  grossMinor: number | null;
  paidMinor: number;
  creditedMinor: number;
}): InvoiceBalance {
  const counts =
    invoice.kind === 'invoice' && invoice.grossMinor !== null && !['draft', 'void'].includes(invoice.status);
  if (!counts) return { outstandingMinor: 0, overpaidMinor: 0 };
  const left = (invoice.grossMinor as number) - invoice.paidMinor - invoice.creditedMinor;
  return { outstandingMinor: Math.max(0, left), overpaidMinor: Math.max(0, -left) };
}
