import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type FormArray,
  type FormGroup,
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  DOMESTIC_TAX_CATEGORIES,
  type DomesticTaxCategory,
  type InvoicingSettingsUpdate,
  type InvoicingSettingsView,
  needsInvoiceEmail,
  paymentAccountKind,
} from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  InvoicingSettingsStore,
  LanguageService,
  LoadState,
  SessionStore,
  StepUpGate,
  controlMessage,
  formatPercent,
  parsePercent,
  unbreakable,
  countriesByName,
} from '@mijn-account/web-core';
import {
  LoadFailedComponent,
  Notifier,
  FORM_STYLES,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';

/** What a billing run needs, in the order the checklist shows it (the API's `missing` names them). */
const REQUIRED = [
  { field: 'legalName', label: 'admin.invoicing.legalName' },
  { field: 'address', label: 'admin.invoicing.address' },
  { field: 'vatId', label: 'admin.invoicing.vatId' },
  { field: 'cocNumber', label: 'admin.invoicing.cocNumber' },
  { field: 'iban', label: 'admin.invoicing.iban' },
  { field: 'bankAccount', label: 'admin.invoicing.bankAccount' },
  { field: 'invoiceEmail', label: 'admin.invoicing.invoiceEmail' },
  { field: 'numberPrefix', label: 'admin.invoicing.numberPrefix' },
  { field: 'taxCategories', label: 'admin.invoicing.taxCategories' },
] as const;

const CATEGORY_LABELS: Record<DomesticTaxCategory, string> = {
  S: 'admin.invoicing.categoryS',
  Z: 'admin.invoicing.categoryZ',
  E: 'admin.invoicing.categoryE',
};

/** A rate in percent with at most two decimals, up to 100 (sent as basis points). */
function percent(control: AbstractControl<string>): ValidationErrors | null {
  return parsePercent(String(control.value ?? '')) === null ? { percent: true } : null;
}

/**
 * The tenant admin's invoicing settings (issue 17 §1): the supplier every invoice names, payment
 * details, the number prefix (fixed for the year once a number of it is issued), payment term,
 * review window, tax categories and footers. A checklist says what billing still needs; saving is a
 * step-up action on the version loaded (someone saving first is a 412: their version is shown).
 */
@Component({
  selector: 'ma-invoicing-settings-page',
  imports: [
    MatCheckboxModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemAlertComponent,
    StepUpPromptComponent,
    SkeletonComponent,
    LoadFailedComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    FORM_STYLES,
    `
      .wide {
        grid-column: 1 / -1;
      }
      .hint {
        margin: 0 0 0.75rem;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      legend {
        font-size: 1.1rem;
        font-weight: 700;
        margin-bottom: 0.5rem;
      }
      .category {
        border: 1px solid #ddd;
        border-radius: 4px;
        padding: 0.75rem 0.75rem 0;
        margin-bottom: 0.75rem;
      }
      .checklist {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .checklist li {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        padding: 0.15rem 0;
      }
      .mark {
        font-weight: 700;
        width: 1.25rem;
        text-align: center;
      }
      .done .mark {
        color: #1b5e20;
      }
      .todo .mark {
        color: #b00020;
      }
      h2 {
        font-size: 1.1rem;
        margin: 0 0 0.5rem;
      }
      /* A checkbox after a row of fields: on its own line, with the card's padding below it. */
      .own-line {
        display: block;
        margin: 0.25rem 0 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.invoicing.title' | transloco }}</h1>
    <p>{{ 'admin.invoicing.intro' | transloco }}</p>
    <ma-problem-alert [problem]="problem()" />
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        kind="code"
        [wrong]="stepUp.wrong()"
        (confirmed)="stepUp.confirm({ code: $event })"
        (cancelled)="stepUp.cancel()"
      />
    }
    @if (page.loading()) {
      <mat-card appearance="outlined">
        <ma-skeleton shape="fields" [lines]="8" testId="invoicing-settings-loading" />
      </mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed message="states.settings.failed" testId="invoicing-settings-failed" (retry)="page.retry()" />
      </mat-card>
    } @else {
      <mat-card appearance="outlined" data-testid="invoicing-checklist">
        <h2>{{ 'admin.invoicing.checklistTitle' | transloco }}</h2>
        @if (missing().length === 0) {
          <p class="ok">{{ 'admin.invoicing.complete' | transloco }}</p>
        } @else {
          <p>{{ 'admin.invoicing.incomplete' | transloco }}</p>
        }
        <ul class="checklist">
          @for (item of required(); track item.field) {
            @let done = !missing().includes(item.field);
            <li [class.done]="done" [class.todo]="!done" [attr.data-testid]="'check-' + item.field">
              <span class="mark" aria-hidden="true">{{ done ? '✓' : '○' }}</span>
              <span>{{ item.label | transloco }}</span>
              <span class="cdk-visually-hidden">{{
                (done ? 'admin.invoicing.checkDone' : 'admin.invoicing.checkMissing') | transloco
              }}</span>
            </li>
          }
        </ul>
      </mat-card>

      <form [formGroup]="form" (ngSubmit)="save(formDirective)" #formDirective="ngForm" novalidate>
        <mat-card appearance="outlined">
          <h2>{{ 'admin.invoicing.supplier' | transloco }}</h2>
          <div class="fields">
            <mat-form-field appearance="outline" class="wide">
              <mat-label>{{ 'admin.invoicing.legalName' | transloco }}</mat-label>
              <input matInput formControlName="legalName" autocomplete="organization" data-testid="legalName" />
              @if (form.controls.legalName.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <ng-container formGroupName="address">
              <mat-form-field appearance="outline" class="wide">
                <mat-label>{{ 'admin.invoicing.streetLine' | transloco }}</mat-label>
                <input matInput formControlName="streetLine" autocomplete="street-address" data-testid="streetLine" />
                @if (address.controls.streetLine.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'fields.postalCode' | transloco }}</mat-label>
                <input matInput formControlName="postalCode" autocomplete="postal-code" data-testid="postalCode" />
                @if (address.controls.postalCode.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'fields.city' | transloco }}</mat-label>
                <input matInput formControlName="city" autocomplete="address-level2" data-testid="city" />
                @if (address.controls.city.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'fields.region' | transloco }}</mat-label>
                <input matInput formControlName="region" autocomplete="address-level1" />
                <mat-hint>{{ 'admin.invoicing.regionHint' | transloco }}</mat-hint>
                @if (address.controls.region.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'fields.country' | transloco }}</mat-label>
                <mat-select formControlName="country" data-testid="country">
                  <mat-option value="">{{ 'admin.invoicing.noCountry' | transloco }}</mat-option>
                  @for (c of countries(); track c.code) {
                    <mat-option [value]="c.code">{{ c.name }}</mat-option>
                  }
                </mat-select>
                @if (address.controls.country.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
            </ng-container>
            @if (addressProblem(); as message) {
              <p class="error wide" role="alert">{{ message | transloco }}</p>
            }
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.invoicing.vatId' | transloco }}</mat-label>
              <input matInput formControlName="vatId" data-testid="vatId" />
              <mat-hint>{{ 'admin.invoicing.vatIdHint' | transloco }}</mat-hint>
              @if (form.controls.vatId.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.invoicing.cocNumber' | transloco }}</mat-label>
              <input matInput formControlName="cocNumber" data-testid="cocNumber" />
              @if (form.controls.cocNumber.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline" class="wide">
              <mat-label>{{ 'admin.invoicing.invoiceEmail' | transloco }}</mat-label>
              <input matInput type="email" formControlName="invoiceEmail" autocomplete="email" data-testid="invoiceEmail" />
              <mat-hint>{{ 'admin.invoicing.invoiceEmailHint' | transloco }}</mat-hint>
              @if (controlMessage(form.controls.invoiceEmail.errors); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          </div>
        </mat-card>

        <mat-card appearance="outlined">
          <h2>{{ 'admin.invoicing.payment' | transloco }}</h2>
          <div class="fields">
            @if (accountKind() === 'iban') {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'admin.invoicing.iban' | transloco }}</mat-label>
                <input matInput formControlName="iban" data-testid="iban" />
                @if (form.controls.iban.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'admin.invoicing.bic' | transloco }}</mat-label>
                <input matInput formControlName="bic" data-testid="bic" />
                @if (form.controls.bic.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
            } @else {
              <p class="wide hint" data-testid="bank-account-hint">
                {{ 'admin.invoicing.bankAccountHint' | transloco }}
              </p>
              <ng-container formGroupName="bankAccount">
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'admin.invoicing.bankName' | transloco }}</mat-label>
                  <input matInput formControlName="bankName" data-testid="bankName" />
                  @if (bankAccount.controls.bankName.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                @if (accountKind() === 'canada') {
                  <mat-form-field appearance="outline">
                    <mat-label>{{ 'admin.invoicing.institutionNumber' | transloco }}</mat-label>
                    <input matInput formControlName="institutionNumber" inputmode="numeric" data-testid="institutionNumber" />
                    <mat-hint>{{ 'admin.invoicing.institutionHint' | transloco }}</mat-hint>
                    @if (bankAccount.controls.institutionNumber.errors?.['server']; as message) {
                      <mat-error>{{ message }}</mat-error>
                    }
                  </mat-form-field>
                  <mat-form-field appearance="outline">
                    <mat-label>{{ 'admin.invoicing.transitNumber' | transloco }}</mat-label>
                    <input matInput formControlName="transitNumber" inputmode="numeric" data-testid="transitNumber" />
                    <mat-hint>{{ 'admin.invoicing.transitHint' | transloco }}</mat-hint>
                    @if (bankAccount.controls.transitNumber.errors?.['server']; as message) {
                      <mat-error>{{ message }}</mat-error>
                    }
                  </mat-form-field>
                }
                <mat-form-field appearance="outline">
                  <mat-label>{{
                    (accountKind() === 'canada' ? 'admin.invoicing.accountNumber' : 'admin.invoicing.accountId')
                      | transloco
                  }}</mat-label>
                  <input matInput formControlName="accountNumber" data-testid="accountNumber" />
                  @if (bankAccount.controls.accountNumber.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
              </ng-container>
            }
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.invoicing.paymentTermDays' | transloco }}</mat-label>
              <input matInput type="number" min="0" max="365" formControlName="paymentTermDays" required />
              @if (form.controls.paymentTermDays.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.paymentTermDays.invalid) {
                <mat-error>{{ 'admin.invoicing.daysRange' | transloco }}</mat-error>
              }
            </mat-form-field>
          </div>
        </mat-card>

        <mat-card appearance="outlined">
          <h2>{{ 'admin.invoicing.numbering' | transloco }}</h2>
          <div class="fields">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.invoicing.numberPrefix' | transloco }}</mat-label>
              <input matInput formControlName="numberPrefix" data-testid="numberPrefix" />
              <mat-hint data-testid="prefix-hint">{{
                (frozen() ? 'admin.invoicing.prefixFrozen' : 'admin.invoicing.prefixHint')
                  | transloco: { example: example() }
              }}</mat-hint>
              @if (form.controls.numberPrefix.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.numberPrefix.invalid) {
                <mat-error>{{ 'admin.invoicing.prefixFormat' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.invoicing.reviewWindowHours' | transloco }}</mat-label>
              <input matInput type="number" min="0" max="720" formControlName="reviewWindowHours" required />
              <mat-hint>{{ 'admin.invoicing.reviewHint' | transloco }}</mat-hint>
              @if (form.controls.reviewWindowHours.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              } @else if (form.controls.reviewWindowHours.invalid) {
                <mat-error>{{ 'admin.invoicing.hoursRange' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'fields.timeZone' | transloco }}</mat-label>
              <input matInput formControlName="timeZone" required />
              <mat-hint>{{ 'admin.invoicing.timeZoneHint' | transloco }}</mat-hint>
              @if (form.controls.timeZone.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          </div>
          <mat-checkbox class="own-line" formControlName="subscribersMayChangePlan" data-testid="subscribers-may-change-plan">
            {{ 'admin.invoicing.subscribersMayChangePlan' | transloco }}
          </mat-checkbox>
        </mat-card>

        <mat-card appearance="outlined">
          <fieldset formGroupName="reminders" data-testid="payment-reminders">
            <legend>{{ 'admin.invoicing.reminders.title' | transloco }}</legend>
            <p>{{ 'admin.invoicing.reminders.intro' | transloco }}</p>
            <div class="fields">
              <mat-form-field appearance="outline">
                <mat-label>{{ 'admin.invoicing.reminders.afterDays' | transloco }}</mat-label>
                <input matInput type="number" min="0" max="365" formControlName="afterDays" required />
                @if (form.controls.reminders.controls.afterDays.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                } @else if (form.controls.reminders.controls.afterDays.invalid) {
                  <mat-error>{{ 'admin.invoicing.reminders.range' | transloco: { min: 0, max: 365 } }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'admin.invoicing.reminders.max' | transloco }}</mat-label>
                <input matInput type="number" min="0" max="10" formControlName="max" required />
                <mat-hint>{{ 'admin.invoicing.reminders.maxHint' | transloco }}</mat-hint>
                @if (form.controls.reminders.controls.max.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                } @else if (form.controls.reminders.controls.max.invalid) {
                  <mat-error>{{ 'admin.invoicing.reminders.range' | transloco: { min: 0, max: 10 } }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'admin.invoicing.reminders.intervalDays' | transloco }}</mat-label>
                <input matInput type="number" min="1" max="365" formControlName="intervalDays" required />
                @if (form.controls.reminders.controls.intervalDays.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                } @else if (form.controls.reminders.controls.intervalDays.invalid) {
                  <mat-error>{{ 'admin.invoicing.reminders.range' | transloco: { min: 1, max: 365 } }}</mat-error>
                }
              </mat-form-field>
            </div>
          </fieldset>
        </mat-card>

        <mat-card appearance="outlined">
          <fieldset formArrayName="taxCategories">
            <legend>{{ 'admin.invoicing.taxCategories' | transloco }}</legend>
            <p>{{ 'admin.invoicing.taxIntro' | transloco }}</p>
            @for (row of categories.controls; track row; let i = $index) {
              <div class="category fields" [formGroupName]="i" [attr.data-testid]="'tax-category-' + i">
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'admin.invoicing.code' | transloco }}</mat-label>
                  <input matInput formControlName="code" required />
                  @if (row.controls.code.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  } @else if (row.controls.code.invalid) {
                    <mat-error>{{ 'admin.invoicing.codeFormat' | transloco }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'admin.invoicing.category' | transloco }}</mat-label>
                  <mat-select formControlName="category">
                    @for (c of categoryCodes; track c) {
                      <mat-option [value]="c">{{ categoryLabels[c] | transloco }}</mat-option>
                    }
                  </mat-select>
                  @if (row.controls.category.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'admin.invoicing.rate' | transloco }}</mat-label>
                  <input matInput inputmode="decimal" formControlName="rateBasisPoints" required />
                  <span matTextSuffix>%</span>
                  @if (row.controls.rateBasisPoints.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  } @else if (row.controls.rateBasisPoints.invalid) {
                    <mat-error>{{ 'admin.invoicing.rateFormat' | transloco }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'admin.invoicing.textNl' | transloco }}</mat-label>
                  <input matInput formControlName="textNl" lang="nl" required />
                  @if (row.controls.textNl.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field appearance="outline">
                  <mat-label>{{ 'admin.invoicing.textEn' | transloco }}</mat-label>
                  <input matInput formControlName="textEn" lang="en" required />
                  @if (row.controls.textEn.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <div>
                  <button mat-button type="button" (click)="removeCategory(i)" [attr.data-testid]="'remove-category-' + i">
                    {{ 'admin.invoicing.removeCategory' | transloco: { code: row.controls.code.value || i + 1 } }}
                  </button>
                </div>
              </div>
            }
            <button mat-stroked-button type="button" (click)="addCategory()" data-testid="add-category">
              {{ 'admin.invoicing.addCategory' | transloco }}
            </button>
          </fieldset>
        </mat-card>

        <mat-card appearance="outlined">
          <h2>{{ 'admin.invoicing.footers' | transloco }}</h2>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.invoicing.footerNl' | transloco }}</mat-label>
            <textarea matInput formControlName="footerNl" lang="nl" rows="2"></textarea>
            @if (form.controls.footerNl.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.invoicing.footerEn' | transloco }}</mat-label>
            <textarea matInput formControlName="footerEn" lang="en" rows="2"></textarea>
            @if (form.controls.footerEn.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-invoicing-settings">
            {{ 'admin.invoicing.save' | transloco }}
          </button>
        </mat-card>
      </form>
    }
  `,
})
export class InvoicingSettingsPageComponent implements OnInit {
  private readonly store = inject(InvoicingSettingsStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly notifier = inject(Notifier);
  private readonly language = inject(LanguageService).language;
  protected readonly stepUp = new StepUpGate(inject(SessionStore));
  protected readonly page = new LoadState();
  protected readonly categoryCodes = DOMESTIC_TAX_CATEGORIES;
  protected readonly categoryLabels = CATEGORY_LABELS;
  protected readonly controlMessage = controlMessage;
  protected readonly missing = signal<string[]>([]);
  protected readonly frozen = signal(false);
  private etag = '';

  protected readonly form = this.fb.group({
    legalName: [''],
    address: this.fb.group({ streetLine: [''], postalCode: [''], city: [''], region: [''], country: [''] }),
    vatId: [''],
    cocNumber: [''],
    invoiceEmail: ['', Validators.email],
    iban: [''],
    bic: [''],
    bankAccount: this.fb.group({ bankName: [''], institutionNumber: [''], transitNumber: [''], accountNumber: [''] }),
    numberPrefix: ['', Validators.pattern(/^[A-Za-z0-9]{0,10}$/)],
    paymentTermDays: [14, [Validators.required, Validators.min(0), Validators.max(365)]],
    reviewWindowHours: [24, [Validators.required, Validators.min(0), Validators.max(720)]],
    timeZone: ['Europe/Amsterdam', Validators.required],
    subscribersMayChangePlan: [false],
    reminders: this.fb.group({
      afterDays: [7, [Validators.required, Validators.min(0), Validators.max(365)]],
      max: [0, [Validators.required, Validators.min(0), Validators.max(10)]],
      intervalDays: [14, [Validators.required, Validators.min(1), Validators.max(365)]],
    }),
    footerNl: [''],
    footerEn: [''],
    taxCategories: this.fb.array<FormGroup>([]),
  });
  private readonly runner = new ActionRunner({ stepUp: this.stepUp, form: this.form });
  protected readonly problem = this.runner.problem;
  protected readonly busy = this.runner.busy;

  protected get address() {
    return this.form.controls.address;
  }
  protected get bankAccount() {
    return this.form.controls.bankAccount;
  }

  /** The payment account the chosen country gives: an IBAN in SEPA, a bank account elsewhere (Canada's three numbers). */
  private readonly country = toSignal(this.form.controls.address.controls.country.valueChanges, { initialValue: '' });
  protected readonly accountKind = computed(() => paymentAccountKind(this.country()));
  /** The saved country's kind decides which payment item the checklist shows (it reads the saved settings). */
  private readonly savedAccountKind = signal(paymentAccountKind(null));
  /** The invoice e-mail is on the checklist where the saved country has no KvK/VAT electronic address scheme. */
  private readonly savedNeedsEmail = signal(false);
  protected readonly required = computed(() => {
    const skip = [this.savedAccountKind() === 'iban' ? 'bankAccount' : 'iban'];
    if (!this.savedNeedsEmail()) skip.push('invoiceEmail');
    return REQUIRED.filter((item) => !skip.includes(item.field));
  });
  protected get categories(): FormArray<ReturnType<InvoicingSettingsPageComponent['categoryGroup']>> {
    return this.form.controls.taxCategories as unknown as FormArray<
      ReturnType<InvoicingSettingsPageComponent['categoryGroup']>
    >;
  }

  /** Country names in the page's language, sorted by name. */
  protected readonly countries = computed(() => countriesByName(this.language()));

  /** Invoice numbers as they will read, e.g. CM-2026-000001. */
  protected readonly example = signal('');
  /** An address filled in part: the API takes all of street, city and country, or none. */
  protected readonly addressProblem = signal<string | null>(null);

  ngOnInit(): void {
    void this.page.track(async () => this.show(await this.store.load()));
  }

  protected addCategory(): void {
    this.categories.push(this.categoryGroup());
  }

  protected removeCategory(index: number): void {
    this.categories.removeAt(index);
  }

  protected async save(directive: FormGroupDirective): Promise<void> {
    this.form.markAllAsTouched();
    const update = this.update();
    this.addressProblem.set(update === 'partialAddress' ? 'admin.invoicing.addressIncomplete' : null);
    if (this.form.invalid || update === 'partialAddress') return;
    await this.runner.run(
      async () => {
        const saved = await this.store.save(update, this.etag);
        this.show(saved, this.frozen());
        directive.resetForm(this.form.getRawValue());
        this.notifier.success('admin.invoicing.saved');
      },
      {
        // Someone saved first (412): show their version; the alert says so.
        recover: async () => {
          if (this.problem()?.status === 412) this.show(await this.store.load());
        },
      },
    );
  }

  private categoryGroup(code = '', category: DomesticTaxCategory = 'S', rate = '', textNl = '', textEn = '') {
    return this.fb.group({
      code: [code, [Validators.required, Validators.pattern(/^[a-z0-9-]{1,20}$/)]],
      category: [category],
      rateBasisPoints: [rate, [Validators.required, percent]],
      textNl: [textNl, Validators.required],
      textEn: [textEn, Validators.required],
    });
  }

  private show(loaded: { value: InvoicingSettingsView; etag: string }, frozen?: boolean): void {
    const s = loaded.value;
    this.etag = loaded.etag;
    this.missing.set(s.missing);
    this.savedAccountKind.set(paymentAccountKind(s.address?.country));
    this.savedNeedsEmail.set(s.address ? needsInvoiceEmail(s.address.country) : false);
    this.frozen.set(frozen ?? s.numberPrefixFrozen ?? false);
    this.categories.clear();
    for (const c of s.taxCategories)
      this.categories.push(
        this.categoryGroup(c.code, c.category, formatPercent(c.rateBasisPoints), c.textNl, c.textEn),
      );
    this.form.patchValue({
      legalName: s.legalName ?? '',
      address: {
        streetLine: s.address?.streetLine ?? '',
        postalCode: s.address?.postalCode ?? '',
        city: s.address?.city ?? '',
        region: s.address?.region ?? '',
        country: s.address?.country ?? '',
      },
      vatId: s.vatId ?? '',
      cocNumber: s.cocNumber ?? '',
      invoiceEmail: s.invoiceEmail ?? '',
      iban: s.iban ?? '',
      bic: s.bic ?? '',
      bankAccount: {
        bankName: s.bankAccount?.bankName ?? '',
        institutionNumber: s.bankAccount?.institutionNumber ?? '',
        transitNumber: s.bankAccount?.transitNumber ?? '',
        accountNumber: s.bankAccount?.accountNumber ?? '',
      },
      numberPrefix: s.numberPrefix ?? '',
      paymentTermDays: s.paymentTermDays,
      reviewWindowHours: s.reviewWindowHours,
      timeZone: s.timeZone,
      subscribersMayChangePlan: s.subscribersMayChangePlan,
      reminders: s.reminders,
      footerNl: s.footerNl,
      footerEn: s.footerEn,
    });
    const year = new Date().getFullYear();
    // Non-breaking hyphens: the number reads whole, never "CT-2026-" on one line and "000001" on the next.
    this.example.set(unbreakable(`${s.numberPrefix || 'CM'}-${year}-000001`));
    if (this.frozen()) this.form.controls.numberPrefix.disable();
    else this.form.controls.numberPrefix.enable();
  }

  /** The form as the API takes it; `partialAddress` when the address is neither whole nor empty. */
  private update(): InvoicingSettingsUpdate | 'partialAddress' {
    const v = this.form.getRawValue();
    const a = v.address;
    const anyAddress = [a.streetLine, a.postalCode, a.city, a.region, a.country].some((x) => x.trim());
    const wholeAddress = a.streetLine.trim() && a.city.trim() && a.country;
    if (anyAddress && !wholeAddress) return 'partialAddress';
    const text = (x: string) => x.trim() || null;
    // Only the account the country asks for is sent: the other kind's fields are hidden and would be refused.
    const kind = paymentAccountKind(a.country);
    const b = v.bankAccount;
    const anyAccount = [
      b.bankName,
      b.accountNumber,
      ...(kind === 'canada' ? [b.institutionNumber, b.transitNumber] : []),
    ];
    const bankAccount =
      kind !== 'iban' && anyAccount.some((x) => x.trim())
        ? {
            bankName: b.bankName.trim(),
            institutionNumber: kind === 'canada' ? b.institutionNumber.trim() : null,
            transitNumber: kind === 'canada' ? b.transitNumber.trim() : null,
            accountNumber: b.accountNumber.trim(),
          }
        : null;
    return {
      legalName: text(v.legalName),
      address: wholeAddress
        ? {
            streetLine: a.streetLine.trim(),
            postalCode: text(a.postalCode),
            city: a.city.trim(),
            region: text(a.region),
            country: a.country,
          }
        : null,
      vatId: text(v.vatId),
      cocNumber: text(v.cocNumber),
      invoiceEmail: text(v.invoiceEmail),
      iban: kind === 'iban' ? text(v.iban) : null,
      bic: kind === 'iban' ? text(v.bic) : null,
      bankAccount,
      numberPrefix: text(v.numberPrefix.toUpperCase()),
      paymentTermDays: Number(v.paymentTermDays),
      reviewWindowHours: Number(v.reviewWindowHours),
      footerNl: v.footerNl,
      footerEn: v.footerEn,
      timeZone: v.timeZone.trim(),
      subscribersMayChangePlan: v.subscribersMayChangePlan,
      reminders: {
        afterDays: Number(v.reminders.afterDays),
        max: Number(v.reminders.max),
        intervalDays: Number(v.reminders.intervalDays),
      },
      taxCategories: (
        v.taxCategories as {
          code: string;
          category: DomesticTaxCategory;
          rateBasisPoints: string;
          textNl: string;
          textEn: string;
        }[]
      ).map((c) => ({
        code: c.code.trim(),
        category: c.category,
        rateBasisPoints: parsePercent(c.rateBasisPoints) ?? 0,
        textNl: c.textNl.trim(),
        textEn: c.textEn.trim(),
      })),
    };
  }
}
