import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { map } from 'rxjs';
import { type BillingDetails, COUNTRY_CODES, addressRules, companyIdRules } from '@mijn-account/shared-contracts';
import {
  AccountDetailsStore,
  type FlatValues,
  LocaleDatePipe,
  countriesByName,
  countryName,
} from '@mijn-account/web-core';
import {
  CARD_STYLES,
  LoadFailedComponent,
  Notifier,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { VersionedConflictComponent } from './versioned-conflict.component';
import { VersionedForm } from './versioned-form';
import { REGION_NAMES } from './regions';
import { COMPANY_FIELDS, companyLabels } from './billing-details';

const ADDRESS_FIELDS = [
  'street',
  'houseNumber',
  'houseNumberAddition',
  'postalCode',
  'city',
  'region',
  'country',
] as const;

/**
 * A country code from what the control holds: a code (as loaded or picked) or a name typed in full.
 * The named list is asked for only when the value is not a code: naming and sorting all ~250
 * countries costs a phone ~70 ms of main thread, which a loaded form (its country a code) never needs.
 */
function resolveCountry(value: string, countries: () => { code: string; name: string }[]): string | null {
  const typed = value.trim();
  if (!typed) return null;
  if (typed.length === 2 && COUNTRY_CODES.includes(typed.toUpperCase())) return typed.toUpperCase();
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  return countries().find((c) => collator.compare(c.name, typed) === 0)?.code ?? null;
}

const toFlat = (b: BillingDetails): FlatValues => ({
  companyName: b.companyName ?? '',
  cocNumber: b.cocNumber ?? '',
  vatId: b.vatId ?? '',
  billingEmail: b.billingEmail ?? '',
  street: b.address?.street ?? '',
  houseNumber: b.address?.houseNumber ?? '',
  houseNumberAddition: b.address?.houseNumberAddition ?? '',
  postalCode: b.address?.postalCode ?? '',
  city: b.address?.city ?? '',
  region: b.address?.region ?? '',
  country: b.address?.country ?? '',
});

/**
 * Company and billing details as a form with its edit cycle (ETag, 412 conflict notice, field
 * errors): the subscriber's own (no `accountId`), or an account's in the helpdesk's support view.
 * The country (a searchable picker with names in the user's language) lays out the rest by the
 * rules the API checks with (`addressRules`, `companyIdRules`): house number apart or in the street
 * line, state or province, the postal code's name and example, which registration and tax id.
 */
@Component({
  selector: 'ma-billing-form',
  imports: [
    LocaleDatePipe,
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    TranslocoPipe,
    VersionedConflictComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    CARD_STYLES,
    `
    :host {
      display: block;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 0;
      /* A fieldset is as wide as its widest content by default; inside a narrow card that pushed the page sideways. */
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    legend {
      font-weight: 600;
      margin: 0.5rem 0;
    }
    .row {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    mat-form-field {
      min-width: 0;
      max-width: 100%;
    }
    .row mat-form-field {
      flex: 1 1 10rem;
    }
    .error {
      color: #b00020;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  ],
  template: `
    <ma-problem-alert [problem]="editor.problem()" />
    <ma-versioned-conflict [editor]="editor" (saved)="saved.emit()" />
    <mat-card appearance="outlined">
      <!-- Not editable before its data is in: a sketch while it loads, a retry when it did not load. -->
      @if (editor.state.loading()) {
        <ma-skeleton shape="fields" [lines]="5" testId="billing-loading" />
      } @else if (editor.state.failed()) {
        <ma-load-failed message="states.details.failed" testId="billing-failed" (retry)="editor.state.retry()" />
      } @else {
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <fieldset>
          <legend>{{ 'billing.company' | transloco }}</legend>
          @for (field of companyFields(); track field) {
            <!-- dynamic: the VAT hint and long server errors take two lines at phone width without covering the next field -->
            <mat-form-field appearance="outline">
              <mat-label>{{ companyLabels()[field] | transloco }}</mat-label>
              <input
                matInput
                [formControlName]="field"
                [attr.autocomplete]="
                  field === 'billingEmail' ? 'email' : field === 'companyName' ? 'organization' : 'off'
                "
              />
              @if (field === 'vatId' && vatCheckedAt()) {
                <mat-hint>{{ 'billing.vatChecked' | transloco: { when: (vatCheckedAt() | maDate) } }}</mat-hint>
              }
              @if (form.get(field)?.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          }
        </fieldset>
        <fieldset>
          <legend>{{ 'billing.address' | transloco }}</legend>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'fields.country' | transloco }}</mat-label>
            <input
              matInput
              formControlName="country"
              autocomplete="country-name"
              [matAutocomplete]="countryPicker"
              (focus)="pickingCountry.set(true)"
            />
            <mat-autocomplete #countryPicker="matAutocomplete" [displayWith]="nameOf">
              @for (option of countryOptions(); track option.code) {
                <mat-option [value]="option.code">{{ option.name }}</mat-option>
              }
            </mat-autocomplete>
            <mat-hint>{{ 'billing.countryHint' | transloco }}</mat-hint>
            @if (form.controls.country.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <div class="row">
            @for (field of addressFields(); track field) {
              <mat-form-field appearance="outline">
                <mat-label>{{ addressLabels()[field] | transloco }}</mat-label>
                @if (field === 'region' && regionOptions(); as options) {
                  <mat-select formControlName="region">
                    @for (option of options; track option.code) {
                      <mat-option [value]="option.code">{{ option.name }}</mat-option>
                    }
                  </mat-select>
                } @else {
                  <input matInput [formControlName]="field" [attr.autocomplete]="autocomplete[field]" />
                }
                @if (field === 'postalCode' && rules().postalCode.example; as example) {
                  <mat-hint>{{ 'billing.postalExample' | transloco: { example } }}</mat-hint>
                }
                @if (form.get(field)?.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
            }
          </div>
        </fieldset>
        @if (canEdit()) {
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="editor.busy()">{{ 'details.save' | transloco }}</button>
            @if (cancellable()) {
              <button mat-button type="button" (click)="cancelled.emit()">{{ 'billing.cancel' | transloco }}</button>
            }
          </div>
        }
      </form>
      }
    </mat-card>
  `,
})
export class BillingFormComponent implements OnInit {
  private readonly store = inject(AccountDetailsStore);
  private readonly notifier = inject(Notifier);
  /** Whose details: none for the signed-in subscriber's own account. */
  readonly accountId = input<string | undefined>(undefined);
  readonly canEdit = input(false);
  readonly saved = output<void>();
  /** Opened from a summary (the billing page): a cancel button leaves the form without saving. */
  readonly cancellable = input(false);
  readonly cancelled = output<void>();
  protected readonly autocomplete: Record<string, string> = {
    street: 'address-line1',
    houseNumber: 'off',
    houseNumberAddition: 'off',
    postalCode: 'postal-code',
    city: 'address-level2',
    region: 'address-level1',
  };
  protected readonly vatCheckedAt = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    companyName: [''],
    cocNumber: [''],
    vatId: [''],
    billingEmail: ['', Validators.email],
    street: [''],
    houseNumber: [''],
    houseNumberAddition: [''],
    postalCode: [''],
    city: [''],
    region: [''],
    country: [''],
  });
  /** Every value, disabled controls included (a read-only form is laid out by its country too). */
  private readonly values = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  private readonly language = toSignal(inject(TranslocoService).langChanges$, { initialValue: 'en' });
  private readonly countries = computed(() => countriesByName(this.language()));
  /** The picked country's code: as loaded or chosen, or typed as its name or code. */
  protected readonly country = computed(() => resolveCountry(this.values().country, () => this.countries()));
  protected readonly rules = computed(() => addressRules(this.country() ?? ''));
  protected readonly nameOf = (code: string): string => countryName(code, this.language());
  /**
   * The picker's ~250 options are made only once the field is used: Material creates projected
   * options eagerly, and making them all at load cost the page ~2 s of main thread under
   * Lighthouse's phone profile (its Total Blocking Time).
   */
  protected readonly pickingCountry = signal(false);
  protected readonly countryOptions = computed(() => {
    if (!this.pickingCountry()) return [];
    const typed = this.values().country.trim().toLowerCase();
    const all = this.countries();
    if (!typed || this.country()) return all;
    return all.filter((c) => c.name.toLowerCase().includes(typed) || c.code.toLowerCase() === typed);
  });
  protected readonly regionOptions = computed(() => {
    const region = this.rules().region;
    if (region === null || region === 'free') return null;
    const names = REGION_NAMES[this.rules().country] ?? {};
    return region.codes.map((code) => ({ code, name: names[code] ? `${names[code]} (${code})` : code }));
  });
  /** The fields the country has, and any a stored address still carries (an old Canadian house number). */
  protected readonly addressFields = computed(() => {
    const rules = this.rules();
    const v = this.values();
    return ADDRESS_FIELDS.filter((field) => {
      if (field === 'country') return false;
      // Until a country is picked, the house number is offered as well (most addresses here have one apart).
      if (field === 'houseNumber' || field === 'houseNumberAddition')
        return rules.houseNumber || !this.country() || !!v[field];
      if (field === 'region') return rules.region !== null || !!v.region;
      return true;
    });
  });
  protected readonly addressLabels = computed((): Record<string, string> => {
    const rules = this.rules();
    const region = rules.region;
    return {
      street: rules.houseNumber || !this.country() ? 'fields.street' : 'billing.streetLine',
      houseNumber: 'fields.houseNumber',
      houseNumberAddition: 'fields.houseNumberAddition',
      postalCode: `fields.${rules.postalCode.label}`,
      city: 'fields.city',
      region: region === null || region === 'free' ? 'fields.region' : `billing.region.${region.kind}`,
    };
  });
  /** Registration and tax id of the country's kind; hidden where none applies (unless one is stored). */
  protected readonly companyFields = computed(() => {
    const country = this.country();
    const ids = country ? companyIdRules(country) : null;
    const v = this.values();
    return COMPANY_FIELDS.filter((field) => {
      if (!ids) return true;
      if (field === 'cocNumber') return ids.registration !== null || !!v.cocNumber;
      if (field === 'vatId') return ids.taxId !== null || !!v.vatId;
      return true;
    });
  });
  protected readonly companyLabels = computed(() => companyLabels(this.country()));
  protected readonly editor = new VersionedForm<BillingDetails>(this.form, {
    toFlat,
    load: async () => {
      const loaded = await this.store.loadBilling(this.accountId());
      this.vatCheckedAt.set(loaded.value.vatCheck?.checkedAt ?? null);
      return loaded;
    },
    save: async (f, etag) => {
      const anyAddress = ADDRESS_FIELDS.some((k) => f[k]);
      const country = resolveCountry(f['country'], () => this.countries()) ?? f['country'];
      const result = await this.store.saveBilling(
        {
          companyName: f['companyName'] || null,
          cocNumber: f['cocNumber'] || null,
          vatId: f['vatId'] || null,
          billingEmail: f['billingEmail'] || null,
          address: anyAddress
            ? {
                street: f['street'],
                houseNumber: f['houseNumber'] || null,
                houseNumberAddition: f['houseNumberAddition'] || null,
                postalCode: f['postalCode'],
                city: f['city'],
                ...(f['region'] ? { region: f['region'] } : {}),
                country,
              }
            : null,
        },
        etag,
        this.accountId(),
      );
      if (result.status === 'saved') this.vatCheckedAt.set(result.saved.value.vatCheck?.checkedAt ?? null);
      return result;
    },
    field: (path) => path.replace(/^address\./, ''),
    saved: () => this.notifier.success('notices.details.saved'),
  });

  constructor() {
    // Editable by those who may, once the details are in (never a blank form to type into first).
    effect(() => (this.canEdit() && this.editor.state.loaded() ? this.form.enable() : this.form.disable()));
  }

  ngOnInit(): void {
    void this.editor.load();
  }

  protected async submit(): Promise<void> {
    await this.editor.save();
    if (this.editor.saved()) this.saved.emit();
  }
}
