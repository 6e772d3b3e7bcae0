import { taxLabel } from '../tax-label';
import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import {
  type AbstractControl,
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PlanInterval, PlanView, TaxCategorySetting } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  InvoicingSettingsStore,
  LanguageService,
  LoadState,
  LocaleDatePipe,
  LocaleFormat,
  LocaleMoneyPipe,
  PlansStore,
  SessionStore,
  TenantStore,
  majorUnits,
  minorDigits,
  parseMajorUnits,
  DateFieldsModule,
} from '@mijn-account/web-core';
import {
  ConfirmDialog,
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  FORM_STYLES,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';

export const INTERVAL_LABELS: Record<PlanInterval, string> = {
  month: 'finance.plans.perMonth',
  year: 'finance.plans.perYear',
};

/**
 * An amount in the currency's major units that is a whole number of minor units: `fraction` when it
 * has more decimals than the currency (a fraction of a cent), `amount` when it is no amount at all.
 */
export function moneyValidator(currency: () => string, language: () => 'nl' | 'en'): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (!text) return null;
    if (parseMajorUnits(text, currency(), language()) !== null) return null;
    const decimals = /[.,](\d+)$/.exec(text)?.[1]?.length ?? 0;
    return /^[\d\s.,]+$/.test(text) && decimals > minorDigits(currency()) ? { fraction: true } : { amount: true };
  };
}

/**
 * The tenant's plans (issue 17 §2), for finance and the tenant admin: active and archived ones, a new
 * plan (price typed in the currency's major units, sent as whole cents), a price change from a date,
 * archive for a plan in use and delete for one nobody ever had — both asked first.
 */
@Component({
  selector: 'ma-plans-page',
  imports: [
    DateFieldsModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
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
      mat-button-toggle-group {
        width: fit-content;
        max-width: 100%;
      }
      .plans {
        list-style: none;
        padding: 0;
        margin: 1rem 0 0;
      }
      .plan {
        border-bottom: 1px solid #ddd;
        padding: 0.75rem 0;
      }
      .plan h3 {
        margin: 0 0 0.25rem;
        font-size: 1.05rem;
      }
      .facts {
        margin: 0.25rem 0;
        color: #444;
      }
      h2 {
        font-size: 1.1rem;
        margin: 0 0 0.5rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'finance.plans.title' | transloco }}</h1>
    <p>{{ 'finance.plans.intro' | transloco }}</p>
    <ma-problem-alert [problem]="problem()" />

    <mat-card appearance="outlined">
      <h2>{{ 'finance.plans.listTitle' | transloco }}</h2>
      <mat-button-toggle-group
        [value]="show()"
        (change)="show.set($event.value)"
        [attr.aria-label]="'finance.plans.which' | transloco"
        hideSingleSelectionIndicator
      >
        <mat-button-toggle value="active" data-testid="show-active">{{
          'finance.plans.active' | transloco
        }}</mat-button-toggle>
        <mat-button-toggle value="archived" data-testid="show-archived">{{
          'finance.plans.archived' | transloco
        }}</mat-button-toggle>
      </mat-button-toggle-group>
      @if (list.loading()) {
        <ma-skeleton [lines]="4" testId="plans-loading" />
      } @else if (list.failed()) {
        <ma-load-failed message="finance.plans.failed" testId="plans-failed" (retry)="list.retry()" />
      } @else if (shown().length === 0) {
        @if (show() === 'active') {
          <ma-empty-state title="finance.plans.none" text="finance.plans.noneNext" testId="plans-empty" />
        } @else {
          <ma-empty-state title="finance.plans.noneArchived" text="finance.plans.noneArchivedNext" testId="plans-empty" />
        }
      } @else {
        <ul class="plans" data-testid="plans">
          @for (plan of shown(); track plan.id) {
            <li class="plan" [attr.data-testid]="'plan-' + plan.nameEn">
              <h3>{{ language() === 'nl' ? plan.nameNl : plan.nameEn }}</h3>
              @if ((language() === 'nl' ? plan.descriptionNl : plan.descriptionEn); as description) {
                <p class="facts">{{ description }}</p>
              }
              <p class="facts">
                {{ major(plan.priceMinor, plan.currency) | maMoney: plan.currency }} {{ intervalLabels[plan.interval] | transloco }} ·
                {{ categoryText(plan.taxCategory) }} ·
                {{ 'finance.plans.subscriptions' | transloco: { count: plan.subscriptions } }}
              </p>
              @for (price of upcoming(plan); track price.effectiveFrom) {
                <p class="facts" data-testid="upcoming-price">
                  {{
                    'finance.plans.priceFrom'
                      | transloco: { price: (major(price.priceMinor, plan.currency) | maMoney: plan.currency), date: (price.effectiveFrom | maDate: 'date') }
                  }}
                </p>
              }
              @if (!plan.archived) {
                <div class="actions">
                  <button mat-stroked-button type="button" (click)="openPrice(plan)" [attr.data-testid]="'change-price-' + plan.nameEn">
                    {{ 'finance.plans.changePrice' | transloco }}
                  </button>
                  <button mat-button type="button" (click)="archive(plan)" [attr.data-testid]="'archive-' + plan.nameEn">
                    {{ 'finance.plans.archive' | transloco }}
                  </button>
                  @if (plan.subscriptions === 0) {
                    <button mat-button type="button" (click)="remove(plan)" [attr.data-testid]="'delete-' + plan.nameEn">
                      {{ 'finance.plans.delete' | transloco }}
                    </button>
                  }
                </div>
                @if (pricing() === plan.id) {
                  <form [formGroup]="priceForm" (ngSubmit)="changePrice(plan, priceDirective)" #priceDirective="ngForm" novalidate>
                    <div class="fields">
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'finance.plans.newPrice' | transloco }}</mat-label>
                        <input matInput inputmode="decimal" formControlName="priceMinor" required data-testid="new-price" />
                        <span matTextSuffix>{{ plan.currency }}</span>
                        @if (priceReads(priceForm.controls.priceMinor.value, plan.currency); as amount) {
                          <mat-hint>{{ 'finance.plans.priceReads' | transloco: { amount } }}</mat-hint>
                        }
                        @if (priceForm.controls.priceMinor.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        } @else if (priceForm.controls.priceMinor.errors?.['fraction']) {
                          <mat-error>{{ 'finance.plans.fractionalCents' | transloco }}</mat-error>
                        } @else if (priceForm.controls.priceMinor.invalid) {
                          <mat-error>{{ 'finance.plans.priceFormat' | transloco }}</mat-error>
                        }
                      </mat-form-field>
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'finance.plans.effectiveFrom' | transloco }}</mat-label>
                        <input matInput [matDatepicker]="effectiveFromPicker" [min]="today" formControlName="effectiveFrom" required data-testid="price-from" />
                        <mat-datepicker-toggle matIconSuffix [for]="effectiveFromPicker" />
                        <mat-datepicker #effectiveFromPicker />
                        <mat-hint>{{ 'finance.plans.effectiveFromHint' | transloco }}</mat-hint>
                        @if (priceForm.controls.effectiveFrom.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        } @else if (priceForm.controls.effectiveFrom.invalid) {
                          <mat-error>{{ 'finance.plans.dateRequired' | transloco }}</mat-error>
                        }
                      </mat-form-field>
                    </div>
                    <div class="actions">
                      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-price">
                        {{ 'finance.plans.savePrice' | transloco }}
                      </button>
                      <button mat-button type="button" (click)="pricing.set(null)">{{ 'confirm.cancel' | transloco }}</button>
                    </div>
                  </form>
                }
              }
            </li>
          }
        </ul>
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'finance.plans.newTitle' | transloco }}</h2>
      @if (settings.loading()) {
        <ma-skeleton shape="fields" [lines]="4" testId="plan-form-loading" />
      } @else if (settings.failed()) {
        <ma-load-failed message="finance.plans.settingsFailed" testId="plan-form-failed" (retry)="settings.retry()" />
      } @else if (categories().length === 0) {
        <ma-empty-state
          title="finance.plans.noCategories"
          text="finance.plans.noCategoriesNext"
          [actionLabel]="isAdmin() ? 'finance.plans.toSettings' : null"
          [actionLink]="isAdmin() ? '/admin/invoicing' : null"
          testId="plans-no-categories"
        />
      } @else {
        <form [formGroup]="form" (ngSubmit)="create(createDirective)" #createDirective="ngForm" novalidate>
          <div class="fields">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.nameNl' | transloco }}</mat-label>
              <input matInput formControlName="nameNl" lang="nl" required data-testid="plan-name-nl" />
              @if (form.controls.nameNl.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.nameNl.invalid) {
                <mat-error>{{ 'finance.plans.nameRequired' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.nameEn' | transloco }}</mat-label>
              <input matInput formControlName="nameEn" lang="en" required data-testid="plan-name-en" />
              @if (form.controls.nameEn.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.nameEn.invalid) {
                <mat-error>{{ 'finance.plans.nameRequired' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.descriptionNl' | transloco }}</mat-label>
              <textarea matInput formControlName="descriptionNl" lang="nl" rows="2"></textarea>
              @if (form.controls.descriptionNl.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.descriptionEn' | transloco }}</mat-label>
              <textarea matInput formControlName="descriptionEn" lang="en" rows="2"></textarea>
              @if (form.controls.descriptionEn.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.price' | transloco }}</mat-label>
              <input matInput inputmode="decimal" formControlName="priceMinor" required data-testid="plan-price" />
              <span matTextSuffix>{{ currency() }}</span>
              <mat-hint data-testid="plan-price-reads">{{
                priceReads(form.controls.priceMinor.value)
                  ? ('finance.plans.priceReads' | transloco: { amount: priceReads(form.controls.priceMinor.value) })
                  : ('finance.plans.priceHint' | transloco)
              }}</mat-hint>
              @if (form.controls.priceMinor.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.priceMinor.errors?.['fraction']) {
                <mat-error>{{ 'finance.plans.fractionalCents' | transloco }}</mat-error>
              } @else if (form.controls.priceMinor.invalid) {
                <mat-error>{{ 'finance.plans.priceFormat' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.currency' | transloco }}</mat-label>
              <mat-select formControlName="currency">
                <mat-option [value]="currency()">{{ currency() }}</mat-option>
              </mat-select>
              <mat-hint>{{ 'finance.plans.currencyHint' | transloco }}</mat-hint>
              @if (form.controls.currency.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.interval' | transloco }}</mat-label>
              <mat-select formControlName="interval" data-testid="plan-interval">
                <mat-option value="month">{{ 'finance.plans.monthly' | transloco }}</mat-option>
                <mat-option value="year">{{ 'finance.plans.yearly' | transloco }}</mat-option>
              </mat-select>
              @if (form.controls.interval.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'finance.plans.taxCategory' | transloco }}</mat-label>
              <mat-select formControlName="taxCategory" required data-testid="plan-tax">
                @for (c of categories(); track c.code) {
                  <mat-option [value]="c.code">{{ categoryText(c.code) }}</mat-option>
                }
              </mat-select>
              @if (form.controls.taxCategory.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.taxCategory.invalid) {
                <mat-error>{{ 'finance.plans.taxRequired' | transloco }}</mat-error>
              }
            </mat-form-field>
          </div>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-plan">
            {{ 'finance.plans.create' | transloco }}
          </button>
        </form>
      }
    </mat-card>
  `,
})
export class PlansPageComponent implements OnInit {
  private readonly store = inject(PlansStore);
  private readonly settingsStore = inject(InvoicingSettingsStore);
  private readonly session = inject(SessionStore);
  private readonly tenantStore = inject(TenantStore);
  private readonly tenant = this.tenantStore.tenant;
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly notifier = inject(Notifier);
  private readonly format = inject(LocaleFormat);
  private readonly confirmDialog = inject(ConfirmDialog);
  protected readonly language = inject(LanguageService).language;
  protected readonly intervalLabels = INTERVAL_LABELS;
  protected readonly major = majorUnits;
  protected readonly list = new LoadState();
  protected readonly settings = new LoadState();
  protected readonly show = signal<'active' | 'archived'>('active');
  protected readonly pricing = signal<string | null>(null);
  protected readonly categories = signal<TaxCategorySetting[]>([]);
  /** The earliest day a new price may start. */
  protected readonly today = this.tenantStore.today();
  protected readonly currency = computed(() => this.tenant()?.currency ?? 'EUR');
  protected readonly isAdmin = computed(() => (this.session.me()?.staffRoles ?? []).includes('tenant-admin'));
  protected readonly shown = computed(() =>
    this.store.plans().filter((p) => p.archived === (this.show() === 'archived')),
  );
  private readonly money = moneyValidator(this.currency, this.language);

  protected readonly form = this.fb.group({
    nameNl: ['', [Validators.required, Validators.maxLength(100)]],
    nameEn: ['', [Validators.required, Validators.maxLength(100)]],
    descriptionNl: ['', Validators.maxLength(500)],
    descriptionEn: ['', Validators.maxLength(500)],
    priceMinor: ['', [Validators.required, this.money]],
    currency: [''],
    interval: ['month' as PlanInterval],
    taxCategory: ['', Validators.required],
  });
  protected readonly priceForm = this.fb.group({
    priceMinor: ['', [Validators.required, this.money]],
    effectiveFrom: [this.today, Validators.required],
  });
  private readonly runner = new ActionRunner({ form: this.form });
  protected readonly problem = this.runner.problem;
  protected readonly busy = this.runner.busy;

  ngOnInit(): void {
    this.form.controls.currency.setValue(this.currency());
    void this.list.track(() => this.store.load());
    void this.settings.track(async () => {
      const { value } = await this.settingsStore.load();
      this.categories.set(value.taxCategories);
      if (value.taxCategories.length === 1) this.form.controls.taxCategory.setValue(value.taxCategories[0].code);
    });
  }

  /** The category as the invoice says it ("Btw hoog 21 %", taxLabel: the rate once), in the page's language. */
  protected categoryText(code: string): string {
    const c = this.categories().find((x) => x.code === code);
    if (!c) return code;
    return taxLabel(this.language() === 'nl' ? c.textNl : c.textEn, c.rateBasisPoints, (n) => this.format.number(n));
  }

  /** What a typed price will be, in the page's money format ("€ 1.234,50"), so a grouping dot is not misread. */
  protected priceReads(text: string, currency = this.currency()): string | null {
    const minor = text.trim() ? parseMajorUnits(text, currency, this.language()) : null;
    return minor === null ? null : this.format.money(majorUnits(minor, currency), currency);
  }

  /** Prices that start after today (the API lists every price; today's is `priceMinor`). */
  protected upcoming(plan: PlanView): PlanView['prices'] {
    return plan.prices.filter((p) => p.effectiveFrom > this.today);
  }

  protected openPrice(plan: PlanView): void {
    this.pricing.set(plan.id);
    this.priceForm.reset({ priceMinor: '', effectiveFrom: this.today });
  }

  protected async create(directive: FormGroupDirective): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const priceMinor = parseMajorUnits(v.priceMinor, this.currency(), this.language()) as number;
    await this.runner.run(async () => {
      await this.store.create({
        nameNl: v.nameNl.trim(),
        nameEn: v.nameEn.trim(),
        descriptionNl: v.descriptionNl.trim(),
        descriptionEn: v.descriptionEn.trim(),
        priceMinor,
        currency: v.currency || this.currency(),
        interval: v.interval,
        taxCategory: v.taxCategory,
      });
      directive.resetForm({
        ...this.form.getRawValue(),
        nameNl: '',
        nameEn: '',
        descriptionNl: '',
        descriptionEn: '',
        priceMinor: '',
      });
      this.show.set('active');
      this.notifier.success('finance.plans.created');
    });
  }

  protected async changePrice(plan: PlanView, directive: FormGroupDirective): Promise<void> {
    this.priceForm.markAllAsTouched();
    if (this.priceForm.invalid) return;
    const v = this.priceForm.getRawValue();
    const priceMinor = parseMajorUnits(v.priceMinor, plan.currency, this.language()) as number;
    await this.runner.run(
      async () => {
        await this.store.changePrice(plan.id, { priceMinor, effectiveFrom: v.effectiveFrom });
        directive.resetForm({ priceMinor: '', effectiveFrom: this.today });
        this.pricing.set(null);
        this.notifier.success('finance.plans.priceChanged');
      },
      { form: this.priceForm },
    );
  }

  protected async archive(plan: PlanView): Promise<void> {
    const name = this.language() === 'nl' ? plan.nameNl : plan.nameEn;
    const ok = await this.confirmDialog.confirm({
      title: 'finance.plans.archiveTitle',
      message: 'finance.plans.archiveMessage',
      confirm: 'finance.plans.archiveAction',
      params: { name, count: plan.subscriptions },
    });
    if (!ok) return;
    await this.runner.run(async () => {
      await this.store.archive(plan.id);
      this.notifier.success('finance.plans.archivedDone');
    });
  }

  protected async remove(plan: PlanView): Promise<void> {
    const name = this.language() === 'nl' ? plan.nameNl : plan.nameEn;
    const ok = await this.confirmDialog.confirm({
      title: 'finance.plans.deleteTitle',
      message: 'finance.plans.deleteMessage',
      confirm: 'finance.plans.deleteAction',
      params: { name },
      danger: true,
    });
    if (!ok) return;
    await this.runner.run(
      async () => {
        await this.store.remove(plan.id);
        this.notifier.success('finance.plans.deleted');
      },
      { recover: () => this.store.load() },
    );
  }
}
