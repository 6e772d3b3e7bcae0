import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { LEGAL_BASES, type DisclosureView, type LegalBasis } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  EnumLabelPipe,
  LoadState,
  LocaleDatePipe,
  TenantStore,
  DateFieldsModule,
} from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  FORM_STYLES,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  EmailAddressComponent,
} from '@mijn-account/web-ui';
import { PrivacyOverviewStore } from '../overview/privacy-overview.store';

/**
 * The register of disclosures (issue 18 §9): the tenant admin records each time a person's data went
 * to a third party. The person sees it on their privacy page (from the end of a legal hold, if any);
 * it is written to their access log too.
 */
@Component({
  selector: 'ma-disclosures-page',
  imports: [
    EmailAddressComponent,
    DateFieldsModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    EnumLabelPipe,
    LocaleDatePipe,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    FORM_STYLES,
    `
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.2rem;
      }
      .item {
        border-bottom: 1px solid #ddd;
        padding: 0.5rem 0;
      }
      .item p {
        margin: 0.2rem 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.privacy.disclosures.title' | transloco }}</h1>
    <p>{{ 'admin.privacy.disclosures.intro' | transloco }}</p>
    <mat-card appearance="outlined">
      <h2>{{ 'admin.privacy.disclosures.addTitle' | transloco }}</h2>
      <ma-problem-alert [problem]="problem()" />
      <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="disclosure-form">
        <div class="pair">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.disclosures.email' | transloco }}</mat-label>
            <input matInput type="email" formControlName="email" required />
            @if (form.controls.email.errors?.['server']; as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.disclosures.recipient' | transloco }}</mat-label>
            <input matInput formControlName="recipient" required />
            @if (form.controls.recipient.errors?.['server']; as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.disclosures.legalBasis' | transloco }}</mat-label>
            <mat-select formControlName="legalBasis">
              @for (basis of bases; track basis) {
                <mat-option [value]="basis">{{ basis | maLabel: 'legalBasis' }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.disclosures.categories' | transloco }}</mat-label>
            <input matInput formControlName="categories" required />
            @if (form.controls.categories.errors?.['server']; as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.disclosures.disclosedOn' | transloco }}</mat-label>
            <input matInput [matDatepicker]="disclosedOnPicker" formControlName="disclosedOn" required />
            <mat-datepicker-toggle matIconSuffix [for]="disclosedOnPicker" />
            <mat-datepicker #disclosedOnPicker />
            @if (form.controls.disclosedOn.errors?.['server']; as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.disclosures.noticeDelayedUntil' | transloco }}</mat-label>
            <input matInput [matDatepicker]="noticeDelayedUntilPicker" formControlName="noticeDelayedUntil" />
            <mat-datepicker-toggle matIconSuffix [for]="noticeDelayedUntilPicker" />
            <mat-datepicker #noticeDelayedUntilPicker />
            <mat-hint>{{ 'admin.privacy.disclosures.holdHint' | transloco }}</mat-hint>
            @if (form.controls.noticeDelayedUntil.errors?.['server']; as m) {
              <mat-error>{{ m }}</mat-error>
            }
          </mat-form-field>
        </div>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="disclosure-save">
          {{ 'admin.privacy.disclosures.save' | transloco }}
        </button>
      </form>
    </mat-card>
    <mat-card appearance="outlined" data-testid="disclosures-list">
      <h2>{{ 'admin.privacy.disclosures.listTitle' | transloco }}</h2>
      @if (page.loading()) {
        <ma-skeleton [lines]="3" testId="disclosures-loading" />
      } @else if (page.failed()) {
        <ma-load-failed message="admin.privacy.disclosures.failed" testId="disclosures-failed" (retry)="page.retry()" />
      } @else {
        @for (d of items(); track d.id) {
          <div class="item">
            <p>
              <strong>{{ d.recipient }}</strong> · {{ noon(d.disclosedOn) | maDate: 'date' }} ·
              {{ d.legalBasis | maLabel: 'legalBasis' }}
            </p>
            <p>{{ d.displayName }} (<ma-email [address]="d.email" />) — {{ d.categories }}</p>
            @if (d.noticeDelayedUntil) {
              <p>
                {{ 'admin.privacy.disclosures.heldUntil' | transloco: { date: (noon(d.noticeDelayedUntil) | maDate: 'date') } }}
              </p>
            }
          </div>
        } @empty {
          <ma-empty-state
            title="admin.privacy.disclosures.empty"
            text="admin.privacy.disclosures.emptyText"
            testId="disclosures-empty"
          />
        }
      }
    </mat-card>
  `,
})
export class DisclosuresPageComponent implements OnInit {
  private readonly store = inject(PrivacyOverviewStore);
  private readonly tenantStore = inject(TenantStore);
  private readonly notifier = inject(Notifier);
  protected readonly page = new LoadState();
  protected readonly items = signal<DisclosureView[]>([]);
  protected readonly bases = LEGAL_BASES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    recipient: ['', Validators.required],
    legalBasis: ['legal-obligation' as LegalBasis, Validators.required],
    categories: ['', Validators.required],
    disclosedOn: [this.tenantStore.today(), Validators.required],
    noticeDelayedUntil: [''],
  });
  private readonly runner = new ActionRunner({ form: this.form });
  protected readonly busy = this.runner.busy;
  protected readonly problem = this.runner.problem;

  ngOnInit(): void {
    void this.page.track(async () => this.items.set(await this.store.disclosures()));
  }

  protected noon(date: string): string {
    return `${date}T12:00:00Z`;
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    await this.runner.run(async () => {
      await this.store.disclose({ ...v, noticeDelayedUntil: v.noticeDelayedUntil || null });
      this.notifier.success('admin.privacy.disclosures.saved');
      this.form.reset({ legalBasis: 'legal-obligation', disclosedOn: this.tenantStore.today() });
      this.items.set(await this.store.disclosures());
    });
  }
}
