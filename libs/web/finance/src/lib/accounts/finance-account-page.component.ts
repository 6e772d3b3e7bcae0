import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  BillingAddress,
  FinanceAccountView,
  FinanceInvoiceView,
  PlanView,
  SubscriptionStatus,
  SubscriptionView,
} from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  FinanceAccountsStore,
  LanguageService,
  LoadState,
  LocaleDatePipe,
  LocaleMoneyPipe,
  PlansStore,
  majorUnits,
  TenantStore,
  DateFieldsModule,
  countryName,
} from '@mijn-account/web-core';
import {
  BackLinkComponent,
  ConfirmDialog,
  EmptyStateComponent,
  FORM_STYLES,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { type ProrationPreview, prorationPreview } from '@mijn-account/shared-billing-periods';
import { statusKeyOf } from '../invoices/finance-invoices.store';
import { RestrictedMarkerComponent } from '../invoices/restricted-marker.component';

const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'finance.accounts.status.active',
  cancelling: 'finance.accounts.status.cancelling',
  ended: 'finance.accounts.status.ended',
  future: 'finance.accounts.status.future',
};

const INTERVAL_LABELS = { month: 'finance.plans.perMonth', year: 'finance.plans.perYear' } as const;

/**
 * One customer for finance (issue 17 §2, §7): the billing details its invoices copy, its
 * subscriptions (new one; plan or quantity changed with the prorated credit and debit explained
 * before saving; cancel at period end or resume) and its invoices. Each of these reads lands in the
 * account's access log (the API writes it), which the page says.
 */
@Component({
  selector: 'ma-finance-account-page',
  imports: [
    DateFieldsModule,
    BackLinkComponent,
    RestrictedMarkerComponent,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
    LocaleDatePipe,
    LocaleMoneyPipe,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    FORM_STYLES,
    `
      .fields {
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      }
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dt {
        color: #444;
      }
      dd {
        margin: 0;
      }
      @media (max-width: 599px) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
      .items {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .items > li {
        border-bottom: 1px solid #ddd;
        padding: 0.75rem 0;
      }
      .items h3 {
        margin: 0 0 0.25rem;
        font-size: 1.05rem;
      }
      .facts {
        margin: 0.25rem 0;
        color: #444;
      }
      .effect {
        background: #f5f5f5;
        border-left: 4px solid #1565c0;
        padding: 0.5rem 0.75rem;
        margin: 0.5rem 0;
      }
      .invoice a {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        color: inherit;
      }
      h2 {
        font-size: 1.1rem;
        margin: 0 0 0.5rem;
      }
      .logged {
        color: #444;
        font-size: 0.9rem;
      }
    `,
  ],
  template: `
    <ma-back-link to="/finance/accounts" label="finance.accounts.back" />
    @if (account(); as a) {
      <h1>{{ a.name }} <span class="facts">· {{ a.customerNumber }}</span></h1>
      @if (a.restricted; as r) {
        <p><ma-restricted-marker [restricted]="r" /></p>
      }
    } @else {
      <h1>{{ 'finance.accounts.accountTitle' | transloco }}</h1>
    }
    <p class="logged">{{ 'finance.accounts.logged' | transloco }}</p>
    <ma-problem-alert [problem]="problem()" />

    <mat-card appearance="outlined">
      <h2>{{ 'finance.accounts.billingTitle' | transloco }}</h2>
      @if (details.loading()) {
        <ma-skeleton [lines]="4" testId="customer-loading" />
      } @else if (details.failed()) {
        <ma-load-failed
          [message]="details.problem()?.status === 404 ? 'finance.accounts.notFound' : 'finance.accounts.detailsFailed'"
          testId="customer-failed"
          (retry)="details.retry()"
        />
      } @else if (account(); as a) {
        <dl data-testid="billing-facts">
          <dt>{{ 'fields.companyName' | transloco }}</dt>
          <dd>{{ a.billing.companyName || ('finance.accounts.notGiven' | transloco) }}</dd>
          <dt>{{ 'finance.accounts.address' | transloco }}</dt>
          <dd data-testid="billing-address">
            @if (a.billing.address; as ad) {
              {{ addressLine(ad) }}
            } @else {
              <span class="error">{{ 'finance.accounts.noAddress' | transloco }}</span>
            }
          </dd>
          <dt>{{ 'fields.vatId' | transloco }}</dt>
          <dd>
            {{ a.billing.vatId || ('finance.accounts.notGiven' | transloco) }}
            @if (a.billing.vatCheck; as check) {
              ·
              {{
                (check.valid ? 'finance.accounts.vatValid' : 'finance.accounts.vatInvalid')
                  | transloco: { date: (check.checkedAt | maDate: 'date') }
              }}
            }
          </dd>
          <dt>{{ 'fields.cocNumber' | transloco }}</dt>
          <dd>{{ a.billing.cocNumber || ('finance.accounts.notGiven' | transloco) }}</dd>
          <dt>{{ 'fields.billingEmail' | transloco }}</dt>
          <dd>{{ a.billing.billingEmail || ('finance.accounts.notGiven' | transloco) }}</dd>
        </dl>
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'finance.accounts.subscriptionsTitle' | transloco }}</h2>
      @if (subs.loading()) {
        <ma-skeleton [lines]="3" testId="subscriptions-loading" />
      } @else if (subs.failed()) {
        <ma-load-failed message="finance.accounts.subscriptionsFailed" testId="subscriptions-failed" (retry)="subs.retry()" />
      } @else if (subscriptions().length === 0) {
        <ma-empty-state
          title="finance.accounts.noSubscriptions"
          text="finance.accounts.noSubscriptionsNext"
          testId="subscriptions-empty"
        />
      } @else {
        <ul class="items" data-testid="subscriptions">
          @for (s of subscriptions(); track s.id) {
            <li [attr.data-testid]="'subscription-' + s.planName.en">
              <h3>{{ language() === 'nl' ? s.planName.nl : s.planName.en }} × {{ s.quantity }}</h3>
              <p class="facts">
                {{ statusLabels[s.status] | transloco }} ·
                {{ major(s.unitPriceMinor, s.currency) | maMoney: s.currency }} {{ intervalLabels[s.interval] | transloco }}
                · {{ 'finance.accounts.since' | transloco: { date: (s.startDate | maDate: 'date') } }}
                @if (s.endDate) {
                  · {{ 'finance.accounts.endsOn' | transloco: { date: (s.endDate | maDate: 'date') } }}
                }
              </p>
              @if (s.nextInvoiceDate) {
                <p class="facts">
                  {{
                    'finance.accounts.nextInvoice'
                      | transloco
                        : {
                            date: (s.nextInvoiceDate | maDate: 'date'),
                            amount: (major(s.estimatedAmountMinor ?? 0, s.currency) | maMoney: s.currency),
                          }
                  }}
                </p>
              }
              @if (s.status !== 'ended' && !account()?.restricted) {
                <div class="actions">
                  <button mat-stroked-button type="button" (click)="openChange(s)" [attr.data-testid]="'change-' + s.planName.en">
                    {{ 'finance.accounts.change' | transloco }}
                  </button>
                  @if (s.cancelAtPeriodEnd) {
                    <button mat-button type="button" (click)="setCancel(s, false)" [attr.data-testid]="'resume-' + s.planName.en">
                      {{ 'finance.accounts.resume' | transloco }}
                    </button>
                  } @else {
                    <button mat-button type="button" (click)="setCancel(s, true)" [attr.data-testid]="'cancel-' + s.planName.en">
                      {{ 'finance.accounts.cancelAtEnd' | transloco }}
                    </button>
                  }
                </div>
              }
              @if (changing()?.id === s.id) {
                <form [formGroup]="changeForm" (ngSubmit)="saveChange(s, changeDirective)" #changeDirective="ngForm" novalidate>
                  <div class="fields">
                    <mat-form-field appearance="outline">
                      <mat-label>{{ 'finance.accounts.plan' | transloco }}</mat-label>
                      <mat-select formControlName="planId" data-testid="change-plan">
                        @for (p of plansFor(s); track p.id) {
                          <mat-option [value]="p.id">{{ planLabel(p) }}</mat-option>
                        }
                      </mat-select>
                      @if (changeForm.controls.planId.errors?.['server']; as message) {
                        <mat-error>{{ message }}</mat-error>
                      }
                    </mat-form-field>
                    <mat-form-field appearance="outline">
                      <mat-label>{{ 'finance.accounts.quantity' | transloco }}</mat-label>
                      <input matInput type="number" min="1" formControlName="quantity" required data-testid="change-quantity" />
                      @if (changeForm.controls.quantity.errors?.['server']; as message) {
                        <mat-error>{{ message }}</mat-error>
                      } @else if (changeForm.controls.quantity.invalid) {
                        <mat-error>{{ 'finance.accounts.quantityMin' | transloco }}</mat-error>
                      }
                    </mat-form-field>
                    <mat-form-field appearance="outline">
                      <mat-label>{{ 'finance.accounts.effectiveDate' | transloco }}</mat-label>
                      <input matInput [matDatepicker]="effectiveDatePicker" formControlName="effectiveDate" required data-testid="change-date" />
                      <mat-datepicker-toggle matIconSuffix [for]="effectiveDatePicker" />
                      <mat-datepicker #effectiveDatePicker />
                      @if (changeForm.controls.effectiveDate.errors?.['server']; as message) {
                        <mat-error>{{ message }}</mat-error>
                      } @else if (changeForm.controls.effectiveDate.invalid) {
                        <mat-error>{{ 'finance.accounts.dateRequired' | transloco }}</mat-error>
                      }
                    </mat-form-field>
                  </div>
                  @if (effect(); as e) {
                    <p class="effect" data-testid="proration-effect" aria-live="polite">
                      {{
                        'finance.accounts.prorationEffect'
                          | transloco
                            : {
                                from: (e.preview.periodStart | maDate: 'date'),
                                to: (e.preview.periodEnd | maDate: 'date'),
                                date: (changeForm.controls.effectiveDate.value | maDate: 'date'),
                                rest: e.preview.restDays,
                                days: e.preview.days,
                                credit: (major(e.preview.creditMinor, s.currency) | maMoney: s.currency),
                                debit: (major(e.preview.debitMinor, s.currency) | maMoney: s.currency),
                              }
                      }}
                    </p>
                  } @else if (changeForm.controls.effectiveDate.valid) {
                    <p class="effect">{{ 'finance.accounts.noProration' | transloco }}</p>
                  }
                  <div class="actions">
                    <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-change">
                      {{ 'finance.accounts.saveChange' | transloco }}
                    </button>
                    <button mat-button type="button" (click)="changing.set(null)">{{ 'confirm.cancel' | transloco }}</button>
                  </div>
                </form>
              }
            </li>
          }
        </ul>
      }

      <h2>{{ 'finance.accounts.newSubscription' | transloco }}</h2>
      @if (account()?.restricted) {
        <p data-testid="restricted-no-changes">{{ 'finance.accounts.restrictedNoChanges' | transloco }}</p>
      } @else if (plansState.failed()) {
        <ma-load-failed message="finance.plans.failed" testId="subscription-plans-failed" (retry)="plansState.retry()" />
      } @else if (plansState.loaded() && activePlans().length === 0) {
        <ma-empty-state
          title="finance.plans.none"
          text="finance.accounts.noPlansNext"
          actionLabel="finance.accounts.toPlans"
          actionLink="/finance/plans"
          testId="subscription-no-plans"
        />
      } @else {
        <form [formGroup]="createForm" (ngSubmit)="create(createDirective)" #createDirective="ngForm" novalidate>
          <div class="fields">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.accounts.plan' | transloco }}</mat-label>
              <mat-select formControlName="planId" required data-testid="new-subscription-plan">
                @for (p of activePlans(); track p.id) {
                  <mat-option [value]="p.id">{{ planLabel(p) }}</mat-option>
                }
              </mat-select>
              @if (createForm.controls.planId.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (createForm.controls.planId.invalid) {
                <mat-error>{{ 'finance.accounts.planRequired' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.accounts.quantity' | transloco }}</mat-label>
              <input matInput type="number" min="1" formControlName="quantity" required data-testid="new-subscription-quantity" />
              @if (createForm.controls.quantity.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (createForm.controls.quantity.invalid) {
                <mat-error>{{ 'finance.accounts.quantityMin' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.accounts.startDate' | transloco }}</mat-label>
              <input matInput [matDatepicker]="startDatePicker" formControlName="startDate" required data-testid="new-subscription-start" />
              <mat-datepicker-toggle matIconSuffix [for]="startDatePicker" />
              <mat-datepicker #startDatePicker />
              <mat-hint>{{ 'finance.accounts.startHint' | transloco }}</mat-hint>
              @if (createForm.controls.startDate.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (createForm.controls.startDate.invalid) {
                <mat-error>{{ 'finance.accounts.dateRequired' | transloco }}</mat-error>
              }
            </mat-form-field>
          </div>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-subscription">
            {{ 'finance.accounts.createSubscription' | transloco }}
          </button>
        </form>
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'finance.accounts.invoicesTitle' | transloco }}</h2>
      @if (invoicesState.loading()) {
        <ma-skeleton [lines]="3" testId="customer-invoices-loading" />
      } @else if (invoicesState.failed()) {
        <ma-load-failed message="finance.accounts.invoicesFailed" testId="customer-invoices-failed" (retry)="invoicesState.retry()" />
      } @else if (invoices().length === 0) {
        <ma-empty-state title="finance.accounts.noInvoices" text="finance.accounts.noInvoicesNext" testId="customer-invoices-empty" />
      } @else {
        <!-- What the customer is owed, per currency: payments and credit notes beyond the invoices' totals (ADR 0014). -->
        @for (c of credit(); track c.currency) {
          <p data-testid="customer-credit">{{ 'finance.accounts.credit' | transloco: { amount: (major(c.minor, c.currency) | maMoney: c.currency) } }}</p>
        }
        <ul class="items" data-testid="customer-invoices">
          @for (i of invoices(); track i.id) {
            <li class="invoice">
              <a [routerLink]="['/finance/invoices', i.id]">
                <strong class="nowrap">{{ i.number ?? ('finance.accounts.draft' | transloco) }}</strong>
                <span>{{ statusKeyOf(i) | transloco }}</span>
                @if (i.issueDate) {
                  <span class="nowrap">{{ i.issueDate | maDate: 'date' }}</span>
                }
                <span class="nowrap">{{ major(i.grossMinor ?? i.netMinor, i.currency) | maMoney: i.currency }}</span>
                @if (i.dueDate && i.status === 'open') {
                  <span>{{ 'finance.accounts.due' | transloco: { date: (i.dueDate | maDate: 'date') } }}</span>
                }
                @if (i.outstandingMinor > 0 && i.outstandingMinor !== i.grossMinor) {
                  <span data-testid="customer-invoice-due">{{
                    'finance.accounts.stillDue' | transloco: { amount: (major(i.outstandingMinor, i.currency) | maMoney: i.currency) }
                  }}</span>
                }
                @if (i.overpaidMinor > 0) {
                  <span data-testid="customer-invoice-overpaid">{{
                    'finance.accounts.overpaid' | transloco: { amount: (major(i.overpaidMinor, i.currency) | maMoney: i.currency) }
                  }}</span>
                }
              </a>
            </li>
          }
        </ul>
      }
    </mat-card>
  `,
})
export class FinanceAccountPageComponent implements OnInit {
  /** From the route (`/finance/accounts/:accountId`). */
  readonly accountId = input.required<string>();
  private readonly store = inject(FinanceAccountsStore);
  private readonly tenantStore = inject(TenantStore);
  private readonly plansStore = inject(PlansStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly notifier = inject(Notifier);
  private readonly confirmDialog = inject(ConfirmDialog);
  protected readonly language = inject(LanguageService).language;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly statusKeyOf = statusKeyOf;
  protected readonly intervalLabels = INTERVAL_LABELS;
  protected readonly major = majorUnits;
  protected readonly details = new LoadState();
  protected readonly subs = new LoadState();
  protected readonly invoicesState = new LoadState();
  protected readonly plansState = new LoadState();
  protected readonly account = signal<FinanceAccountView | null>(null);
  protected readonly subscriptions = signal<SubscriptionView[]>([]);
  protected readonly invoices = signal<FinanceInvoiceView[]>([]);
  /** The customer's credit: what its invoices were overpaid by, per currency. */
  protected readonly credit = computed(() => {
    const sums = new Map<string, number>();
    for (const i of this.invoices())
      if (i.overpaidMinor > 0) sums.set(i.currency, (sums.get(i.currency) ?? 0) + i.overpaidMinor);
    return [...sums].map(([currency, minor]) => ({ currency, minor }));
  });
  protected readonly activePlans = computed(() => this.plansStore.plans().filter((p) => !p.archived));
  /** The subscription being changed, with the ETag it was read at. */
  protected readonly changing = signal<{ id: string; etag: string } | null>(null);

  protected readonly createForm = this.fb.group({
    planId: ['', Validators.required],
    quantity: [1, [Validators.required, Validators.min(1)]],
    startDate: [this.tenantStore.today(), Validators.required],
  });
  protected readonly changeForm = this.fb.group({
    planId: [''],
    quantity: [1, [Validators.required, Validators.min(1)]],
    effectiveDate: [this.tenantStore.today(), Validators.required],
  });
  private readonly changeValues = signal(this.changeForm.getRawValue());
  private readonly runner = new ActionRunner();
  protected readonly problem = this.runner.problem;
  protected readonly busy = this.runner.busy;

  /** What the change being typed does to the current period, from the form's values. */
  protected readonly effect = computed((): { preview: ProrationPreview } | null => {
    const editing = this.changing();
    const sub = this.subscriptions().find((s) => s.id === editing?.id);
    const v = this.changeValues();
    if (!sub || !v.effectiveDate || !(Number(v.quantity) >= 1)) return null;
    const plan = this.plansStore.plans().find((p) => p.id === v.planId);
    const samePlan = v.planId === sub.planId;
    if (samePlan && Number(v.quantity) === sub.quantity) return null;
    const preview = prorationPreview(
      sub,
      v.effectiveDate,
      { unitPriceMinor: sub.unitPriceMinor, quantity: sub.quantity },
      { unitPriceMinor: samePlan ? sub.unitPriceMinor : (plan?.priceMinor ?? 0), quantity: Number(v.quantity) },
    );
    return preview ? { preview } : null;
  });

  constructor() {
    this.changeForm.valueChanges.subscribe(() => this.changeValues.set(this.changeForm.getRawValue()));
  }

  ngOnInit(): void {
    const id = this.accountId();
    void this.details.track(async () => this.account.set(await this.store.account(id)));
    void this.subs.track(async () => this.subscriptions.set(await this.store.subscriptions(id)));
    void this.invoicesState.track(async () => this.invoices.set(await this.store.invoices(id)));
    void this.plansState.track(() => this.plansStore.load());
  }

  protected countryName(code: string): string {
    return countryName(code, this.language());
  }

  /** "Dam 1 A, 1012 JS Amsterdam, Nederland": the parts there are, in the page's language. */
  protected addressLine(a: BillingAddress): string {
    const street = [a.street, a.houseNumber, a.houseNumberAddition].filter(Boolean).join(' ');
    const place = [a.postalCode, a.city, a.region].filter(Boolean).join(' ');
    return [street, place, this.countryName(a.country)].filter(Boolean).join(', ');
  }

  protected planLabel(p: PlanView): string {
    return this.language() === 'nl' ? p.nameNl : p.nameEn;
  }

  /** Plans a subscription may move to: active ones of the same interval and currency, and its own. */
  protected plansFor(s: SubscriptionView): PlanView[] {
    return this.plansStore
      .plans()
      .filter((p) => p.id === s.planId || (!p.archived && p.interval === s.interval && p.currency === s.currency));
  }

  protected async openChange(s: SubscriptionView): Promise<void> {
    await this.runner.run(async () => {
      const { etag } = await this.store.subscription(s.id);
      this.changeForm.reset({ planId: s.planId, quantity: s.quantity, effectiveDate: this.tenantStore.today() });
      this.changing.set({ id: s.id, etag });
    });
  }

  protected async saveChange(s: SubscriptionView, directive: FormGroupDirective): Promise<void> {
    this.changeForm.markAllAsTouched();
    const editing = this.changing();
    if (this.changeForm.invalid || !editing) return;
    const v = this.changeForm.getRawValue();
    await this.runner.run(
      async () => {
        await this.store.updateSubscription(
          s.id,
          {
            planId: v.planId,
            quantity: Number(v.quantity),
            cancelAtPeriodEnd: s.cancelAtPeriodEnd,
            effectiveDate: v.effectiveDate,
          },
          editing.etag,
        );
        directive.resetForm();
        this.changing.set(null);
        await this.reloadSubscriptions();
        this.notifier.success('finance.accounts.changed');
      },
      { form: this.changeForm, recover: () => this.reloadSubscriptions() },
    );
  }

  protected async setCancel(s: SubscriptionView, cancel: boolean): Promise<void> {
    const name = this.language() === 'nl' ? s.planName.nl : s.planName.en;
    if (cancel) {
      const ok = await this.confirmDialog.confirm({
        title: 'finance.accounts.cancelTitle',
        message: 'finance.accounts.cancelMessage',
        confirm: 'finance.accounts.cancelAction',
        params: { plan: name, customer: this.account()?.name ?? '' },
        danger: true,
      });
      if (!ok) return;
    }
    await this.runner.run(
      async () => {
        const { etag } = await this.store.subscription(s.id);
        await this.store.updateSubscription(
          s.id,
          { planId: s.planId, quantity: s.quantity, cancelAtPeriodEnd: cancel },
          etag,
        );
        await this.reloadSubscriptions();
        this.notifier.success(cancel ? 'finance.accounts.cancelled' : 'finance.accounts.resumed');
      },
      { recover: () => this.reloadSubscriptions() },
    );
  }

  protected async create(directive: FormGroupDirective): Promise<void> {
    this.createForm.markAllAsTouched();
    if (this.createForm.invalid) return;
    const v = this.createForm.getRawValue();
    await this.runner.run(
      async () => {
        await this.store.createSubscription(this.accountId(), {
          planId: v.planId,
          quantity: Number(v.quantity),
          startDate: v.startDate,
        });
        directive.resetForm({ planId: '', quantity: 1, startDate: this.tenantStore.today() });
        await this.reloadSubscriptions();
        this.notifier.success('finance.accounts.subscriptionCreated');
      },
      { form: this.createForm },
    );
  }

  private reloadSubscriptions(): Promise<boolean> {
    return this.subs.track(async () => this.subscriptions.set(await this.store.subscriptions(this.accountId())));
  }
}
