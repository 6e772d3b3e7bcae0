import { taxLabel } from '../tax-label';
import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { type FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CreditNoteMode, FinanceInvoiceDetail, TaxCategorySetting } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  FinanceRunsStore,
  LanguageService,
  LoadState,
  LocaleDatePipe,
  LocaleFormat,
  controlMessage,
  fieldError,
  TenantStore,
  DateFieldsModule,
  countryName,
} from '@mijn-account/web-core';
import {
  BackLinkComponent,
  ConfirmDialog,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  STACKED_TABLE_STYLES,
  SkeletonComponent,
  ScrollRegionComponent,
} from '@mijn-account/web-ui';
import { FinanceInvoicesStore, statusKeyOf } from './finance-invoices.store';
import { RestrictedMarkerComponent } from './restricted-marker.component';

const CONFIRM = {
  void: {
    title: 'finance.invoices.confirm.void.title',
    message: 'finance.invoices.confirm.void.message',
    confirm: 'finance.invoices.confirm.void.button',
  },
  uncollectible: {
    title: 'finance.invoices.confirm.uncollectible.title',
    message: 'finance.invoices.confirm.uncollectible.message',
    confirm: 'finance.invoices.confirm.uncollectible.button',
  },
};

/** "12,50" or "12.50" → 1250 cents; null for anything else. */
export function parseMoney(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** One invoice or credit note for finance: its facts, lines and tax, the PDF, payments, void, credit notes. */
@Component({
  selector: 'ma-invoice-page',
  imports: [
    DateFieldsModule,
    ScrollRegionComponent,
    BackLinkComponent,
    RestrictedMarkerComponent,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslocoPipe,
    LocaleDatePipe,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    STACKED_TABLE_STYLES,
    `
      :host {
        max-width: 64rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      td.amount,
      th.amount {
        text-align: right;
        white-space: nowrap;
      }
      iframe {
        width: 100%;
        height: 32rem;
        border: 1px solid #ddd;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: flex-start;
      }
      form .wide {
        flex: 1 1 16rem;
      }
      /* A payment's reference moves to the next line whole when it fits there (often an invoice number). */
      .reference {
        display: inline-block;
        max-width: 100%;
      }
      .overdue {
        color: #b00020;
        font-weight: 600;
      }
      .lines {
        display: flex;
        flex-direction: column;
        border: none;
        padding: 0;
      }
      @media (max-width: 599px) {
        dl {
          grid-template-columns: 1fr;
        }
        iframe {
          height: 20rem;
        }
        td.amount {
          text-align: left;
        }
      }
    `,
  ],
  template: `
    <ma-back-link to="/finance/invoices" label="finance.invoices.back" />
    @if (page.loading()) {
      <h1>{{ 'finance.invoices.invoiceTitle' | transloco }}</h1>
      <ma-skeleton [lines]="6" testId="invoice-loading" />
    } @else if (page.failed()) {
      <h1>{{ 'finance.invoices.invoiceTitle' | transloco }}</h1>
      <ma-load-failed testId="invoice-failed" (retry)="page.retry()" />
    } @else if (invoice(); as i) {
      <h1 data-testid="invoice-number">
        {{ (i.kind === 'credit-note' ? 'finance.invoices.creditNote' : 'finance.invoices.invoiceTitle') | transloco }}
        <span class="nowrap">{{ i.number ?? ('finance.invoices.draft' | transloco) }}</span>
      </h1>
      <ma-problem-alert [problem]="problem()" />
      <mat-card appearance="outlined">
        <dl data-testid="invoice-facts">
          <dt>{{ 'finance.invoices.status' | transloco }}</dt>
          <dd data-testid="invoice-status">
            {{ statusKeyOf(i) | transloco }}
            @if (i.overdue) {
              <span class="overdue">· {{ 'finance.invoices.isOverdue' | transloco }}</span>
            }
            @if (i.statusReason) {
              · {{ i.statusReason }}
            }
          </dd>
          <dt>{{ 'finance.invoices.customer' | transloco }}</dt>
          <dd>
            {{ i.customerName }} <span class="nowrap">({{ i.customerNumber }})</span>
            @if (i.restricted; as r) {
              <br /><ma-restricted-marker [restricted]="r" />
            }
            @if (i.customer; as c) {
              <br />{{ c.address.streetLine }}, {{ c.address.postalCode }} {{ c.address.city }}, {{ country(c.address.country) }}
              @if (c.vatId) {
                <br />{{ 'finance.invoices.vatId' | transloco }} {{ c.vatId }}
              }
            }
          </dd>
          @if (i.issueDate) {
            <dt>{{ 'finance.invoices.issueDate' | transloco }}</dt>
            <dd class="nowrap">{{ day(i.issueDate) | maDate: 'date' }}</dd>
          }
          @if (i.dueDate) {
            <dt>{{ 'finance.invoices.dueDate' | transloco }}</dt>
            <dd class="nowrap">{{ day(i.dueDate) | maDate: 'date' }}</dd>
          }
          @if (i.periodStart) {
            <dt>{{ 'finance.invoices.period' | transloco }}</dt>
            <dd>
              <span class="nowrap">{{ day(i.periodStart) | maDate: 'date' }}</span> –
              <span class="nowrap">{{ day(i.periodEnd) | maDate: 'date' }}</span>
            </dd>
          }
          @if (i.creditedInvoice; as ci) {
            <dt>{{ 'finance.invoices.credits' | transloco }}</dt>
            <dd><a class="nowrap" [routerLink]="['/finance/invoices', ci.id]">{{ ci.number }}</a></dd>
          }
          @if (i.note) {
            <dt>{{ 'finance.invoices.reason' | transloco }}</dt>
            <dd>{{ i.note }}</dd>
          }
          <dt>{{ 'finance.invoices.gross' | transloco }}</dt>
          <dd data-testid="invoice-gross">{{ money(i.grossMinor ?? i.netMinor) }}</dd>
          @if (i.kind === 'invoice') {
            <dt>{{ 'finance.invoices.paid' | transloco }}</dt>
            <dd data-testid="invoice-paid">{{ money(i.paidMinor) }}</dd>
            <dt>{{ 'finance.invoices.credited' | transloco }}</dt>
            <dd>{{ money(i.creditedMinor) }}</dd>
            <dt>{{ 'finance.invoices.outstanding' | transloco }}</dt>
            <dd data-testid="invoice-outstanding">{{ money(i.outstandingMinor) }}</dd>
            <!-- Payments and credit notes beyond the total: what the customer is owed (ADR 0014). -->
            @if (i.overpaidMinor > 0) {
              <dt>{{ 'finance.invoices.overpaid' | transloco }}</dt>
              <dd data-testid="invoice-overpaid"><strong>{{ money(i.overpaidMinor) }}</strong></dd>
            }
          }
        </dl>
      </mat-card>

      <mat-card appearance="outlined">
        <h2>{{ 'finance.invoices.lines' | transloco }}</h2>
        <ma-scroll-region [label]="'finance.invoices.lines' | transloco">
          <table class="stacked" data-testid="invoice-lines">
            <thead>
              <tr>
                <th scope="col">{{ 'finance.invoices.description' | transloco }}</th>
                <th scope="col">{{ 'finance.invoices.period' | transloco }}</th>
                <th scope="col" class="amount">{{ 'finance.invoices.quantity' | transloco }}</th>
                <th scope="col" class="amount">{{ 'finance.invoices.unitPrice' | transloco }}</th>
                <th scope="col" class="amount">{{ 'finance.invoices.taxRate' | transloco }}</th>
                <th scope="col" class="amount">{{ 'finance.invoices.net' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (l of i.lines; track l.position) {
                <tr>
                  <td>{{ l.description }}</td>
                  <td [attr.data-label]="l.periodStart ? ('finance.invoices.period' | transloco) : null">
                    @if (l.periodStart) {
                      <span class="nowrap">{{ day(l.periodStart) | maDate: 'date' }}</span> –
                      <span class="nowrap">{{ day(l.periodEnd) | maDate: 'date' }}</span>
                    }
                  </td>
                  <td class="amount" [attr.data-label]="'finance.invoices.quantity' | transloco">{{ l.quantity }}</td>
                  <td class="amount" [attr.data-label]="'finance.invoices.unitPrice' | transloco">
                    {{ money(l.unitPriceMinor) }}
                  </td>
                  <td class="amount" [attr.data-label]="'finance.invoices.taxRate' | transloco" data-testid="line-tax">
                    {{ taxText(l.taxCategory, l.rateBasisPoints) }}
                  </td>
                  <td class="amount" [attr.data-label]="'finance.invoices.net' | transloco">{{ money(l.netMinor) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </ma-scroll-region>
        @if (i.taxBreakdown.length > 0) {
          <h3>{{ 'finance.invoices.taxBreakdown' | transloco }}</h3>
          <ma-scroll-region [label]="'finance.invoices.taxBreakdown' | transloco">
            <table class="stacked" data-testid="tax-breakdown">
              <thead>
                <tr>
                  <th scope="col">{{ 'finance.invoices.taxRate' | transloco }}</th>
                  <th scope="col" class="amount">{{ 'finance.invoices.taxable' | transloco }}</th>
                  <th scope="col" class="amount">{{ 'finance.invoices.taxAmount' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (t of i.taxBreakdown; track $index) {
                  <tr>
                    <td data-testid="breakdown-tax">{{ taxText(t.category, t.rateBasisPoints) }}</td>
                    <td class="amount" [attr.data-label]="'finance.invoices.taxable' | transloco">
                      {{ money(t.taxableMinor) }}
                    </td>
                    <td class="amount" [attr.data-label]="'finance.invoices.taxAmount' | transloco">
                      {{ money(t.taxMinor) }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </ma-scroll-region>
        }
      </mat-card>

      <mat-card appearance="outlined">
        <h2>{{ 'finance.invoices.document' | transloco }}</h2>
        @if (pdfUrl(); as url) {
          <p class="row">
            <a mat-stroked-button [href]="fileUrl('pdf')" download data-testid="download-pdf">{{
              'finance.invoices.downloadPdf' | transloco
            }}</a>
            <a mat-stroked-button [href]="fileUrl('ubl')" download data-testid="download-ubl">{{
              'finance.invoices.downloadUbl' | transloco
            }}</a>
          </p>
          <iframe [src]="url" [title]="'finance.invoices.preview' | transloco" data-testid="pdf-preview"></iframe>
        } @else {
          <p>{{ 'finance.invoices.notRendered' | transloco }}</p>
        }
      </mat-card>

      @if (i.kind === 'invoice' && i.status !== 'draft') {
        <mat-card appearance="outlined">
          <h2>{{ 'finance.invoices.payments' | transloco }}</h2>
          @if (i.payments.length === 0) {
            <p>{{ 'finance.invoices.noPayments' | transloco }}</p>
          } @else {
            <ul data-testid="payments">
              @for (p of i.payments; track p.id) {
                <li>
                  <span class="nowrap">{{ day(p.paidOn) | maDate: 'date' }}</span> ·
                  <span class="nowrap">{{ money(p.amountMinor) }}</span> ·
                  <span class="reference">{{ p.reference }}</span>
                </li>
              }
            </ul>
          }
          @if (i.reminders.length > 0) {
            <h3>{{ 'finance.invoices.reminders' | transloco }}</h3>
            <ul data-testid="reminders">
              @for (r of i.reminders; track r.reminderNo) {
                <li>
                  {{ 'finance.invoices.reminderSent' | transloco: { n: r.reminderNo } }} ·
                  {{ r.sentAt | maDate: 'short' }} · {{ r.recipient }}
                </li>
              }
            </ul>
          }
          @if (i.status === 'open' || i.status === 'uncollectible') {
            <form
              [formGroup]="payment"
              #paymentDir="ngForm"
              (ngSubmit)="pay(paymentDir)"
              novalidate
              data-testid="payment-form"
            >
              <mat-form-field appearance="outline">
                <mat-label>{{ 'finance.invoices.amount' | transloco }}</mat-label>
                <input matInput formControlName="amountMinor" inputmode="decimal" required data-testid="payment-amount" />
                @if (controlMessage(payment.controls.amountMinor.errors); as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'finance.invoices.paidOn' | transloco }}</mat-label>
                <input matInput [matDatepicker]="paidOnPicker" formControlName="paidOn" required />
                <mat-datepicker-toggle matIconSuffix [for]="paidOnPicker" />
                <mat-datepicker #paidOnPicker />
                @if (controlMessage(payment.controls.paidOn.errors); as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline" class="wide">
                <mat-label>{{ 'finance.invoices.reference' | transloco }}</mat-label>
                <input matInput formControlName="reference" required data-testid="payment-reference" />
                @if (controlMessage(payment.controls.reference.errors); as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="runner.busy()" data-testid="register-payment">
                {{ 'finance.invoices.registerPayment' | transloco }}
              </button>
            </form>
          }
        </mat-card>

        @if (i.status !== 'void') {
          <mat-card appearance="outlined">
            <h2>{{ 'finance.invoices.creditNoteTitle' | transloco }}</h2>
            @if (i.creditNotes.length > 0) {
              <ul data-testid="credit-notes">
                @for (c of i.creditNotes; track c.id) {
                  <li>
                    <a class="nowrap" [routerLink]="['/finance/invoices', c.id]">{{ c.number }}</a> ·
                    <span class="nowrap">{{ day(c.issueDate) | maDate: 'date' }}</span> ·
                    <span class="nowrap">{{ money(c.grossMinor) }}</span>
                  </li>
                }
              </ul>
            }
            <form
              [formGroup]="credit"
              #creditDir="ngForm"
              (ngSubmit)="createCreditNote(creditDir)"
              novalidate
              data-testid="credit-note-form"
            >
              <mat-radio-group formControlName="mode" [attr.aria-label]="'finance.invoices.creditMode' | transloco">
                @for (mode of modes; track mode) {
                  <mat-radio-button [value]="mode" [attr.data-testid]="'credit-mode-' + mode">{{
                    modeKeys[mode] | transloco
                  }}</mat-radio-button>
                }
              </mat-radio-group>
              @if (credit.controls.mode.value === 'lines') {
                <fieldset class="lines wide">
                  <legend>{{ 'finance.invoices.chooseLines' | transloco }}</legend>
                  @for (l of i.lines; track l.position) {
                      <mat-checkbox [checked]="chosen().has(l.position)" (change)="choose(l.position, $event.checked)">{{
                        l.description
                      }}</mat-checkbox>
                  }
                  @if (fieldError(problem(), 'lines'); as message) {
                    <p class="error">{{ message }}</p>
                  }
                </fieldset>
              }
              @if (credit.controls.mode.value === 'amount') {
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'finance.invoices.creditAmount' | transloco }}</mat-label>
                  <input matInput formControlName="amountMinor" inputmode="decimal" data-testid="credit-amount" />
                  @if (controlMessage(credit.controls.amountMinor.errors); as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
              }
              <mat-form-field appearance="outline" class="wide">
                <mat-label>{{ 'finance.invoices.reason' | transloco }}</mat-label>
                <input matInput formControlName="reason" required data-testid="credit-reason" />
                @if (controlMessage(credit.controls.reason.errors); as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              @if (controlMessage(credit.controls.mode.errors); as message) {
                <p class="error wide">{{ message }}</p>
              }
              <button mat-flat-button type="submit" [disabled]="runner.busy()" data-testid="create-credit-note">
                {{ 'finance.invoices.createCreditNote' | transloco }}
              </button>
            </form>
          </mat-card>
        }

        @if (i.status === 'open' || i.status === 'uncollectible') {
          <mat-card appearance="outlined">
            <h2>{{ 'finance.invoices.statusTitle' | transloco }}</h2>
            <form [formGroup]="statusForm" #statusDir="ngForm" novalidate>
              <mat-form-field appearance="outline" class="wide">
                <mat-label>{{ 'finance.invoices.reason' | transloco }}</mat-label>
                <input matInput formControlName="reason" required data-testid="status-reason" />
                @if (controlMessage(statusForm.controls.reason.errors); as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <button mat-stroked-button type="button" (click)="move('void', statusDir)" data-testid="void-invoice">
                {{ 'finance.invoices.void' | transloco }}
              </button>
              @if (i.status === 'open') {
                <button mat-stroked-button type="button" (click)="move('uncollectible', statusDir)" data-testid="uncollectible">
                  {{ 'finance.invoices.markUncollectible' | transloco }}
                </button>
              }
            </form>
          </mat-card>
        }
      }
    }
  `,
})
export class InvoicePageComponent implements OnInit {
  private readonly store = inject(FinanceInvoicesStore);
  private readonly tenantStore = inject(TenantStore);
  private readonly runs = inject(FinanceRunsStore);
  private readonly language = inject(LanguageService).language;
  /** The tenant's tax categories, for their texts (the codes are shown if they cannot be read). */
  private readonly categories = signal<TaxCategorySetting[]>([]);
  private readonly route = inject(ActivatedRoute);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly format = inject(LocaleFormat);
  private readonly confirm = inject(ConfirmDialog);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly page = new LoadState();
  protected readonly runner = new ActionRunner();
  protected readonly problem = this.runner.problem;
  protected readonly fieldError = fieldError;
  protected readonly controlMessage = controlMessage;
  protected readonly modes: CreditNoteMode[] = ['whole', 'lines', 'amount'];
  protected readonly statusKeyOf = statusKeyOf;
  protected readonly modeKeys: Record<CreditNoteMode, string> = {
    whole: 'finance.invoices.creditModes.whole',
    lines: 'finance.invoices.creditModes.lines',
    amount: 'finance.invoices.creditModes.amount',
  };
  protected readonly invoice = signal<FinanceInvoiceDetail | null>(null);
  protected readonly chosen = signal(new Set<number>());
  /** The PDF in a frame of the portal's own origin (the API allows exactly that for this file). */
  protected readonly pdfUrl = computed<SafeResourceUrl | null>(() => {
    const i = this.invoice();
    return i?.files.some((f) => f.format === 'pdf')
      ? this.sanitizer.bypassSecurityTrustResourceUrl(this.store.fileUrl(i.id, 'pdf'))
      : null;
  });
  protected readonly payment = this.fb.group({
    /** What was paid as typed ("12,50"); named as the API's field, so its refusal shows here. */
    amountMinor: ['', Validators.required],
    paidOn: [this.tenantStore.today(), Validators.required],
    reference: ['', Validators.required],
  });
  protected readonly credit = this.fb.group({
    mode: ['whole' as CreditNoteMode],
    amountMinor: [''],
    reason: ['', Validators.required],
  });
  protected readonly statusForm = this.fb.group({ reason: ['', Validators.required] });
  /** One key per credit note being made: a retry of the same request replays its answer. */
  private creditKey = crypto.randomUUID();

  private get id(): string {
    return this.route.snapshot.paramMap.get('invoiceId') ?? '';
  }

  ngOnInit(): void {
    void this.page.track(() => this.load());
    this.runs.taxCategories().then(
      (categories) => this.categories.set(categories),
      () => undefined,
    );
  }

  /**
   * What a tax column says, as the invoice prints it: the text of a treatment that has one ("Btw
   * verlegd"), else the tenant's text for the category with its rate ("Btw hoog 21 %", taxLabel);
   * the code and rate only when the tenant has no such category any more. A draft's line carries the
   * tenant's own code; an issued one the UNCL5305 category and rate.
   */
  protected taxText(category: string, basisPoints: number | null): string {
    const reason = this.invoice()?.taxBreakdown.find(
      (t) => t.category === category && t.rateBasisPoints === basisPoints && t.exemptionReason,
    )?.exemptionReason;
    if (reason) return reason;
    const own =
      this.categories().find((c) => c.code === category) ??
      this.categories().find((c) => c.category === category && c.rateBasisPoints === basisPoints);
    if (!own) return `${category} ${this.rate(basisPoints)}`.trim();
    return taxLabel(this.language() === 'nl' ? own.textNl : own.textEn, own.rateBasisPoints, (n) =>
      this.format.number(n),
    );
  }

  /** A calendar date (YYYY-MM-DD) at midday, so no time zone moves it to another day. */
  protected day(date: string | null | undefined): string | null {
    return date ? `${date}T12:00:00` : null;
  }

  /** The customer's country by its name in the page's language ("Nederland"), not its code. */
  protected country(code: string): string {
    return countryName(code, this.language());
  }

  protected money(minor: number): string {
    return this.format.money(minor / 100, this.invoice()?.currency);
  }

  protected rate(basisPoints: number | null): string {
    return basisPoints === null ? '' : `${this.format.number(basisPoints / 100)} %`;
  }

  protected fileUrl(format: 'pdf' | 'ubl'): string {
    return this.store.fileUrl(this.id, format);
  }

  protected choose(position: number, on: boolean): void {
    this.chosen.update((set) => {
      const next = new Set(set);
      if (on) next.add(position);
      else next.delete(position);
      return next;
    });
  }

  /** A refused payment shows why at its field; a registered one leaves a clean, unsubmitted form. */
  protected async pay(directive: FormGroupDirective): Promise<void> {
    this.payment.markAllAsTouched();
    if (this.payment.invalid) return;
    const { amountMinor, paidOn, reference } = this.payment.getRawValue();
    await this.runner.run(
      async () => {
        await this.store.pay(this.id, { amountMinor: parseMoney(amountMinor) ?? Number.NaN, paidOn, reference });
        directive.resetForm({ amountMinor: '', paidOn: this.tenantStore.today(), reference: '' });
        this.notifier.success('finance.invoices.paymentRegistered');
        await this.load();
      },
      { form: this.payment },
    );
  }

  protected async createCreditNote(directive: FormGroupDirective): Promise<void> {
    this.credit.markAllAsTouched();
    if (this.credit.invalid) return;
    const { mode, amountMinor, reason } = this.credit.getRawValue();
    const invoice = this.invoice();
    const lines =
      mode === 'lines'
        ? (invoice?.lines ?? [])
            .filter((l) => this.chosen().has(l.position))
            .map((l) => ({ position: l.position, quantity: Math.abs(l.quantity) }))
        : undefined;
    await this.runner.run(
      async () => {
        const note = await this.store.creditNote(
          this.id,
          {
            mode,
            reason,
            ...(mode === 'lines' ? { lines } : {}),
            ...(mode === 'amount' ? { amountMinor: parseMoney(amountMinor) ?? Number.NaN } : {}),
          },
          this.creditKey,
        );
        this.creditKey = crypto.randomUUID();
        directive.resetForm({ mode: 'whole', amountMinor: '', reason: '' });
        this.chosen.set(new Set());
        this.notifier.success('finance.invoices.creditNoteIssued', { number: note.number });
        await this.load();
      },
      { form: this.credit },
    );
  }

  protected async move(to: 'void' | 'uncollectible', directive: FormGroupDirective): Promise<void> {
    this.statusForm.markAllAsTouched();
    if (this.statusForm.invalid) return;
    const number = this.invoice()?.number;
    const ok = await this.confirm.confirm({ ...CONFIRM[to], params: { number }, danger: true });
    if (!ok) return;
    await this.runner.run(
      async () => {
        await this.store.move(this.id, to, this.statusForm.getRawValue().reason);
        directive.resetForm({ reason: '' });
        await this.load();
      },
      { form: this.statusForm },
    );
  }

  private async load(): Promise<void> {
    this.invoice.set(await this.store.detail(this.id));
  }
}
