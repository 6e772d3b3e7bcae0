import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyInvoiceView } from '@mijn-account/shared-contracts';
import { EnumLabelPipe, LocaleMoneyPipe, LocaleDatePipe } from '@mijn-account/web-core';
import { STACKED_TABLE_STYLES } from '@mijn-account/web-ui';

/**
 * Issued invoices and credit notes as a table (a list of blocks on a phone): number, date, period,
 * total, due date, status with "overdue" marked and what is still due or was overpaid; a credit note
 * as a negative amount with the invoice it corrects, no due date and no "open", and — when `downloads` gives the URL of a file —
 * the PDF and UBL to download. Mijn facturen and the helpdesk's support view show the same list.
 */
@Component({
  selector: 'ma-invoice-list',
  imports: [LocaleDatePipe, TranslocoPipe, EnumLabelPipe, LocaleMoneyPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    STACKED_TABLE_STYLES,
    `
    /* Between a phone and a wide screen the table scrolls inside its card, never the page. */
    :host {
      display: block;
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 0.4rem 0.5rem;
      border-bottom: 1px solid #ddd;
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    /* Headers stay whole words on a wide screen (numbers, amounts and days are .nowrap everywhere). */
    th {
      overflow-wrap: normal;
      white-space: nowrap;
    }
    .amount {
      text-align: right;
      white-space: nowrap;
    }
    .net {
      display: block;
      font-size: 0.85em;
      color: #555;
    }
    .overdue {
      color: #b00020;
      font-weight: 600;
    }
    .files a {
      margin-right: 0.75rem;
      white-space: nowrap;
    }
    /* Below 600 px each row is a card of "label: value" lines (STACKED_TABLE_STYLES). */
    @media (max-width: 599.98px) {
      .amount {
        text-align: left;
      }
      /* A credit note has no due date: no empty "Due:" line on its card. */
      td.none {
        display: none;
      }
    }
  `,
  ],
  template: `
    <table class="stacked" data-testid="invoice-list">
      <thead>
        <tr>
          <th scope="col">{{ 'myInvoices.number' | transloco }}</th>
          <th scope="col">{{ 'myInvoices.issueDate' | transloco }}</th>
          <th scope="col">{{ 'myInvoices.period' | transloco }}</th>
          <th scope="col" class="amount">{{ 'myInvoices.total' | transloco }}</th>
          <th scope="col">{{ 'myInvoices.dueDate' | transloco }}</th>
          <th scope="col">{{ 'myInvoices.status' | transloco }}</th>
          @if (downloads()) {
            <th scope="col">{{ 'myInvoices.download' | transloco }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (i of invoices(); track i.id) {
          <tr data-testid="invoice-row" [attr.data-number]="i.number">
            <td>
              <strong>{{ 'myInvoices.kind.' + i.kind | transloco }} <span class="nowrap">{{ i.number }}</span></strong>
              @if (i.corrects) {
                <span class="net" data-testid="invoice-corrects">{{ 'myInvoices.corrects' | transloco: { number: i.corrects } }}</span>
              }
            </td>
            <td [attr.data-label]="'myInvoices.issueDate' | transloco"><span class="nowrap">{{ i.issueDate | maDate: 'date' }}</span></td>
            <td [attr.data-label]="'myInvoices.period' | transloco">
              @if (i.periodStart) {
                <span class="nowrap">{{ i.periodStart | maDate: 'date' }}</span> – <span class="nowrap">{{ i.periodEnd | maDate: 'date' }}</span>
              }
            </td>
            <td class="amount" [attr.data-label]="'myInvoices.total' | transloco">
              <!-- A credit note is money back: shown as a negative amount (as the CSV and EN 16931 readers do). -->
              <span class="nowrap" data-testid="invoice-total">{{ (i.kind === 'credit-note' ? -i.grossMinor : i.grossMinor) / 100 | maMoney: i.currency }}</span>
              <span class="net">{{ 'myInvoices.net' | transloco: { amount: ((i.kind === 'credit-note' ? -i.netMinor : i.netMinor) / 100 | maMoney: i.currency) } }}</span>
            </td>
            <td [attr.data-label]="'myInvoices.dueDate' | transloco" [class.none]="!i.dueDate">
              @if (i.dueDate) {
                <span class="nowrap">{{ i.dueDate | maDate: 'date' }}</span>
              }
            </td>
            <td [attr.data-label]="'myInvoices.status' | transloco" data-testid="invoice-status">
              @if (i.kind === 'credit-note' && i.status !== 'void') {
                {{ 'myInvoices.credit' | transloco }}
              } @else {
                {{ i.status | maLabel: 'myInvoiceStatus' }}
              }
              @if (i.overdue) {
                <span class="overdue nowrap" data-testid="invoice-overdue">· {{ 'myInvoices.overdue' | transloco }}</span>
              }
              @if (i.outstandingMinor > 0 && i.outstandingMinor < i.grossMinor) {
                <span class="net" data-testid="invoice-due">{{ 'myInvoices.stillDue' | transloco: { amount: (i.outstandingMinor / 100 | maMoney: i.currency) } }}</span>
              }
              @if (i.overpaidMinor > 0) {
                <span class="net" data-testid="invoice-overpaid">{{ 'myInvoices.overpaid' | transloco: { amount: (i.overpaidMinor / 100 | maMoney: i.currency) } }}</span>
              }
            </td>
            @if (downloads(); as url) {
              <td class="files" [attr.data-label]="'myInvoices.download' | transloco">
                @if (i.files.pdf) {
                  <a
                    [href]="url(i.id, 'pdf')"
                    download
                    [attr.aria-label]="'myInvoices.pdfOf' | transloco: { number: i.number }"
                    data-testid="invoice-pdf"
                    >{{ 'myInvoices.pdf' | transloco }}</a
                  >
                }
                @if (i.files.ubl && formats().includes('ubl')) {
                  <a
                    [href]="url(i.id, 'ubl')"
                    download
                    [attr.aria-label]="'myInvoices.ublOf' | transloco: { number: i.number }"
                    data-testid="invoice-ubl"
                    >{{ 'myInvoices.ubl' | transloco }}</a
                  >
                }
                @if (!i.files.pdf || (!i.files.ubl && formats().includes('ubl'))) {
                  <span>{{ 'myInvoices.preparing' | transloco }}</span>
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class InvoiceListComponent {
  readonly invoices = input.required<MyInvoiceView[]>();
  /** The URL of an invoice's file; none: no downloads (the helpdesk's view). */
  readonly downloads = input<((id: string, format: 'pdf' | 'ubl') => string) | null>(null);
  /** Which files are offered (the helpdesk's view: the PDF only). */
  readonly formats = input<readonly ('pdf' | 'ubl')[]>(['pdf', 'ubl']);
}
