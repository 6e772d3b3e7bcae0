import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, type OnInit, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { BillingDetails } from '@mijn-account/shared-contracts';
import { AccountDetailsStore, type FlatValues } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';
import { VersionedConflictComponent } from './versioned-conflict.component';
import { VersionedForm } from './versioned-form';

const ADDRESS_FIELDS = ['street', 'houseNumber', 'houseNumberAddition', 'postalCode', 'city', 'country'] as const;

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
  country: b.address?.country ?? '',
});

/**
 * Company and billing details as a form with its edit cycle (ETag, 412 conflict notice, field
 * errors): the subscriber's own (no `accountId`), or an account's in the helpdesk's support view.
 */
@Component({
  selector: 'ma-billing-form',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    TranslocoPipe,
    VersionedConflictComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    mat-card {
      padding: 1rem;
      margin-top: 1rem;
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
    .row mat-form-field {
      flex: 1 1 10rem;
    }
    .error {
      color: #b00020;
    }
    .status {
      color: #1b5e20;
    }
  `,
  template: `
    @if (editor.saved()) {
      <p class="status" role="status" data-testid="billing-saved">{{ 'details.saved' | transloco }}</p>
    }
    <ma-problem-alert [problem]="editor.problem()" />
    <ma-versioned-conflict [editor]="editor" (saved)="saved.emit()" />
    <mat-card appearance="outlined">
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <fieldset>
          <legend>{{ 'billing.company' | transloco }}</legend>
          @for (field of companyFields; track field) {
            <mat-form-field appearance="outline">
              <mat-label>{{ 'fields.' + field | transloco }}</mat-label>
              <input
                matInput
                [formControlName]="field"
                [attr.autocomplete]="
                  field === 'billingEmail' ? 'email' : field === 'companyName' ? 'organization' : 'off'
                "
              />
              @if (field === 'vatId' && vatCheckedAt()) {
                <mat-hint>{{ 'billing.vatChecked' | transloco: { when: (vatCheckedAt() | date: 'short') } }}</mat-hint>
              }
              @if (form.get(field)?.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          }
        </fieldset>
        <fieldset>
          <legend>{{ 'billing.address' | transloco }}</legend>
          <div class="row">
            @for (field of addressFields; track field) {
              <mat-form-field appearance="outline">
                <mat-label>{{ 'fields.' + field | transloco }}</mat-label>
                <input matInput [formControlName]="field" [attr.autocomplete]="autocomplete[field]" />
                @if (field === 'country') {
                  <mat-hint>{{ 'billing.countryHint' | transloco }}</mat-hint>
                }
                @if (form.get(field)?.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
            }
          </div>
        </fieldset>
        @if (canEdit()) {
          <button mat-flat-button type="submit" [disabled]="editor.busy()">{{ 'details.save' | transloco }}</button>
        }
      </form>
    </mat-card>
  `,
})
export class BillingFormComponent implements OnInit {
  private readonly store = inject(AccountDetailsStore);
  /** Whose details: none for the signed-in subscriber's own account. */
  readonly accountId = input<string | undefined>(undefined);
  readonly canEdit = input(false);
  readonly saved = output<void>();
  protected readonly companyFields = ['companyName', 'cocNumber', 'vatId', 'billingEmail'] as const;
  protected readonly addressFields = ADDRESS_FIELDS;
  protected readonly autocomplete: Record<string, string> = {
    street: 'address-line1',
    houseNumber: 'off',
    houseNumberAddition: 'off',
    postalCode: 'postal-code',
    city: 'address-level2',
    country: 'country',
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
    country: [''],
  });
  protected readonly editor = new VersionedForm<BillingDetails>(this.form, {
    toFlat,
    load: async () => {
      const loaded = await this.store.loadBilling(this.accountId());
      this.vatCheckedAt.set(loaded.value.vatCheck?.checkedAt ?? null);
      return loaded;
    },
    save: async (f, etag) => {
      const anyAddress = ADDRESS_FIELDS.some((k) => f[k]);
      const result = await this.store.saveBilling(
        {
          companyName: f['companyName'] || null,
          cocNumber: f['cocNumber'] || null,
          vatId: f['vatId'] || null,
          billingEmail: f['billingEmail'] || null,
          address: anyAddress
            ? {
                street: f['street'],
                houseNumber: f['houseNumber'],
                houseNumberAddition: f['houseNumberAddition'] || null,
                postalCode: f['postalCode'],
                city: f['city'],
                country: f['country'],
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
  });

  constructor() {
    effect(() => (this.canEdit() ? this.form.enable() : this.form.disable()));
  }

  ngOnInit(): void {
    void this.editor.load();
  }

  protected async submit(): Promise<void> {
    await this.editor.save();
    if (this.editor.saved()) this.saved.emit();
  }
}
