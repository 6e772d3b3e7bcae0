import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  LEGAL_BASES,
  type LegalBasis,
  type ProcessingActivityInput,
  type ProcessingActivityView,
} from '@mijn-account/shared-contracts';
import { ActionRunner, EnumLabelPipe, LoadState, SessionStore, StepUpGate } from '@mijn-account/web-core';
import {
  ConfirmDialog,
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  FORM_STYLES,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
  StepUpPromptComponent,
} from '@mijn-account/web-ui';
import { PrivacyOverviewStore } from '../overview/privacy-overview.store';
import { CookieSettingsComponent } from '../cookies/cookie-settings.component';

/** The row's texts, each with the (static) key of its label. */
const TEXT_FIELDS = [
  { field: 'categoryNl', label: 'admin.privacy.processing.fields.categoryNl' },
  { field: 'categoryEn', label: 'admin.privacy.processing.fields.categoryEn' },
  { field: 'purposeNl', label: 'admin.privacy.processing.fields.purposeNl' },
  { field: 'purposeEn', label: 'admin.privacy.processing.fields.purposeEn' },
  { field: 'retentionNl', label: 'admin.privacy.processing.fields.retentionNl' },
  { field: 'retentionEn', label: 'admin.privacy.processing.fields.retentionEn' },
  { field: 'recipientsNl', label: 'admin.privacy.processing.fields.recipientsNl' },
  { field: 'recipientsEn', label: 'admin.privacy.processing.fields.recipientsEn' },
  { field: 'automatedDecisionNl', label: 'admin.privacy.processing.fields.automatedDecisionNl' },
  { field: 'automatedDecisionEn', label: 'admin.privacy.processing.fields.automatedDecisionEn' },
] as const;

/**
 * The tenant admin's record of processing activities (Art. 30) — what the privacy page tells every
 * person — and the tenant's privacy settings: contact, supervisory authority, erasure grace period,
 * the age sign-up asks. Each change is a step-up action; a row edited meanwhile is refused (412).
 */
@Component({
  selector: 'ma-processing-record-page',
  imports: [
    CookieSettingsComponent,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    EnumLabelPipe,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
    StepUpPromptComponent,
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
      h3 {
        margin: 0 0 0.25rem;
        font-size: 1rem;
      }
      .row-item {
        border-bottom: 1px solid #ddd;
        padding: 0.5rem 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.privacy.processing.title' | transloco }}</h1>
    <p>{{ 'admin.privacy.processing.intro' | transloco }}</p>
    @if (stepUp.waiting()) {
      <ma-step-up-prompt
        kind="code"
        [wrong]="stepUp.wrong()"
        (confirmed)="stepUp.confirm({ code: $event })"
        (cancelled)="stepUp.cancel()"
      />
    }
    <ma-problem-alert [problem]="problem()" />

    <mat-card appearance="outlined" data-testid="privacy-settings">
      <h2>{{ 'admin.privacy.processing.settingsTitle' | transloco }}</h2>
      @if (settingsPage.loading()) {
        <ma-skeleton shape="fields" [lines]="4" testId="privacy-settings-loading" />
      } @else if (settingsPage.failed()) {
        <ma-load-failed message="states.settings.failed" testId="privacy-settings-failed" (retry)="settingsPage.retry()" />
      } @else {
        <form [formGroup]="settings" (ngSubmit)="saveSettings()" novalidate>
          <div class="pair">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.contactEmail' | transloco }}</mat-label>
              <input matInput type="email" formControlName="contactEmail" />
              @if (settings.controls.contactEmail.errors?.['server']; as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.contactPhone' | transloco }}</mat-label>
              <input matInput type="tel" formControlName="contactPhone" />
              @if (settings.controls.contactPhone.errors?.['server']; as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.authorityName' | transloco }}</mat-label>
              <input matInput formControlName="authorityName" />
              @if (settings.controls.authorityName.errors?.['server']; as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.authorityUrl' | transloco }}</mat-label>
              <input matInput type="url" formControlName="authorityUrl" />
              @if (settings.controls.authorityUrl.errors?.['server']; as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.erasureGraceDays' | transloco }}</mat-label>
              <input matInput type="number" min="0" max="90" formControlName="erasureGraceDays" />
              @if (settings.controls.erasureGraceDays.errors?.['server']; as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.minimumAge' | transloco }}</mat-label>
              <input matInput type="number" min="1" max="21" formControlName="minimumAge" />
              <mat-hint>{{ 'admin.privacy.processing.minimumAgeHint' | transloco }}</mat-hint>
              @if (settings.controls.minimumAge.errors?.['server']; as m) {
                <mat-error>{{ m }}</mat-error>
              }
            </mat-form-field>
          </div>
          <mat-checkbox formControlName="parentalConsentAllowed">{{
            'admin.privacy.processing.parentalConsentAllowed' | transloco
          }}</mat-checkbox>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-privacy-settings">
              {{ 'admin.privacy.processing.saveSettings' | transloco }}
            </button>
          </div>
        </form>
      }
    </mat-card>
    <ma-cookie-settings />

    <mat-card appearance="outlined" data-testid="processing-record">
      <h2>{{ 'admin.privacy.processing.recordTitle' | transloco }}</h2>
      @if (rowsPage.loading()) {
        <ma-skeleton [lines]="4" testId="processing-loading" />
      } @else if (rowsPage.failed()) {
        <ma-load-failed message="admin.privacy.processing.failed" testId="processing-failed" (retry)="rowsPage.retry()" />
      } @else {
        @for (row of rows(); track row.id) {
          <div class="row-item" data-testid="processing-row">
            <!-- The page's language first; the other beside it, since the admin keeps both. -->
            <h3>
              {{ language() === 'nl' ? row.categoryNl + ' / ' + row.categoryEn : row.categoryEn + ' / ' + row.categoryNl }}
            </h3>
            <p>
              {{ 'admin.privacy.processing.legalBasis' | transloco }}: {{ row.legalBasis | maLabel: 'legalBasis' }} —
              {{ language() === 'nl' ? row.purposeNl : row.purposeEn }}
            </p>
            <div class="actions">
              <button mat-stroked-button type="button" (click)="edit(row)">
                {{ 'admin.privacy.processing.edit' | transloco }}
                <span class="cdk-visually-hidden">{{ language() === 'nl' ? row.categoryNl : row.categoryEn }}</span>
              </button>
              <button mat-stroked-button type="button" (click)="remove(row)">
                {{ 'admin.privacy.processing.remove' | transloco }}
                <span class="cdk-visually-hidden">{{ language() === 'nl' ? row.categoryNl : row.categoryEn }}</span>
              </button>
            </div>
          </div>
        } @empty {
          <ma-empty-state
            title="admin.privacy.processing.empty"
            text="admin.privacy.processing.emptyText"
            testId="processing-empty"
          />
        }
        @if (editing() === null) {
          <div class="actions">
            <button mat-flat-button type="button" (click)="add()" data-testid="processing-add">
              {{ 'admin.privacy.processing.add' | transloco }}
            </button>
          </div>
        } @else {
          <form [formGroup]="row" (ngSubmit)="saveRow()" novalidate data-testid="processing-form">
            <h3>
              {{
                (editing() === 'new' ? 'admin.privacy.processing.addTitle' : 'admin.privacy.processing.editTitle')
                  | transloco
              }}
            </h3>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.privacy.processing.legalBasis' | transloco }}</mat-label>
              <mat-select formControlName="legalBasis">
                @for (basis of bases; track basis) {
                  <mat-option [value]="basis">{{ basis | maLabel: 'legalBasis' }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <div class="pair">
              @for (text of textFields; track text.field) {
                @let field = text.field;
                <mat-form-field appearance="outline">
                  <mat-label>{{ text.label | transloco }}</mat-label>
                  @if (field.startsWith('category')) {
                    <input matInput [formControlName]="field" />
                  } @else {
                    <textarea matInput [formControlName]="field" rows="2"></textarea>
                  }
                  @if (row.controls[field].errors?.['server']; as m) {
                    <mat-error>{{ m }}</mat-error>
                  } @else if (row.controls[field].touched && row.controls[field].invalid) {
                    <mat-error>{{ 'admin.privacy.processing.required' | transloco }}</mat-error>
                  }
                </mat-form-field>
              }
              <mat-form-field appearance="outline">
                <mat-label>{{ 'admin.privacy.processing.position' | transloco }}</mat-label>
                <input matInput type="number" min="0" formControlName="position" />
              </mat-form-field>
            </div>
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="processing-save">
                {{ 'admin.privacy.processing.save' | transloco }}
              </button>
              <button mat-stroked-button type="button" (click)="editing.set(null)">
                {{ 'admin.privacy.processing.cancel' | transloco }}
              </button>
            </div>
          </form>
        }
      }
    </mat-card>
  `,
})
export class ProcessingRecordPageComponent implements OnInit {
  private readonly store = inject(PrivacyOverviewStore);
  private readonly transloco = inject(TranslocoService);
  /** The record is kept in both languages; its list shows each purpose in the reader's. */
  protected readonly language = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly notifier = inject(Notifier);
  private readonly confirm = inject(ConfirmDialog);
  protected readonly stepUp = new StepUpGate(inject(SessionStore));
  protected readonly settingsPage = new LoadState();
  protected readonly rowsPage = new LoadState();
  protected readonly rows = signal<ProcessingActivityView[]>([]);
  /** The row being edited, `'new'` while adding, null when the form is closed. */
  protected readonly editing = signal<ProcessingActivityView | 'new' | null>(null);
  protected readonly bases = LEGAL_BASES;
  protected readonly textFields = TEXT_FIELDS;
  private etag = '';
  protected readonly settings = this.fb.group({
    contactEmail: [''],
    contactPhone: [''],
    authorityName: [''],
    authorityUrl: [''],
    erasureGraceDays: [14, Validators.required],
    minimumAge: [''],
    parentalConsentAllowed: [false],
  });
  protected readonly row = this.fb.group({
    legalBasis: ['contract' as LegalBasis, Validators.required],
    categoryNl: ['', Validators.required],
    categoryEn: ['', Validators.required],
    purposeNl: ['', Validators.required],
    purposeEn: ['', Validators.required],
    retentionNl: ['', Validators.required],
    retentionEn: ['', Validators.required],
    recipientsNl: ['', Validators.required],
    recipientsEn: ['', Validators.required],
    automatedDecisionNl: [''],
    automatedDecisionEn: [''],
    position: [0],
  });
  private readonly runner = new ActionRunner({ stepUp: this.stepUp });
  protected readonly busy = this.runner.busy;
  protected readonly problem = this.runner.problem;

  ngOnInit(): void {
    void this.settingsPage.track(() => this.loadSettings());
    void this.rowsPage.track(async () => this.rows.set(await this.store.activities()));
  }

  private async loadSettings(): Promise<void> {
    const { value, etag } = await this.store.settings();
    this.etag = etag;
    this.settings.setValue({
      contactEmail: value.contactEmail ?? '',
      contactPhone: value.contactPhone ?? '',
      authorityName: value.authorityName ?? '',
      authorityUrl: value.authorityUrl ?? '',
      erasureGraceDays: value.erasureGraceDays,
      minimumAge: value.minimumAge === null ? '' : String(value.minimumAge),
      parentalConsentAllowed: value.parentalConsentAllowed,
    });
  }

  protected async saveSettings(): Promise<void> {
    const v = this.settings.getRawValue();
    await this.runner.run(
      async () => {
        const saved = await this.store.saveSettings(
          {
            contactEmail: v.contactEmail.trim() || null,
            contactPhone: v.contactPhone.trim() || null,
            authorityName: v.authorityName.trim() || null,
            authorityUrl: v.authorityUrl.trim() || null,
            erasureGraceDays: Number(v.erasureGraceDays),
            minimumAge: String(v.minimumAge).trim() === '' ? null : Number(v.minimumAge),
            parentalConsentAllowed: v.parentalConsentAllowed,
          },
          this.etag,
        );
        this.etag = saved.etag;
        this.notifier.success('admin.privacy.processing.settingsSaved');
      },
      { form: this.settings, recover: () => this.loadSettings() },
    );
  }

  protected add(): void {
    this.row.reset({ legalBasis: 'contract', position: (this.rows().at(-1)?.position ?? 0) + 10 });
    this.editing.set('new');
  }

  protected edit(row: ProcessingActivityView): void {
    this.row.reset({
      ...row,
      automatedDecisionNl: row.automatedDecisionNl ?? '',
      automatedDecisionEn: row.automatedDecisionEn ?? '',
    });
    this.editing.set(row);
  }

  protected async saveRow(): Promise<void> {
    this.row.markAllAsTouched();
    if (this.row.invalid) return;
    const v = this.row.getRawValue();
    const input: ProcessingActivityInput = {
      ...v,
      position: Number(v.position) || 0,
      automatedDecisionNl: v.automatedDecisionNl.trim() || null,
      automatedDecisionEn: v.automatedDecisionEn.trim() || null,
    };
    const target = this.editing();
    await this.runner.run(
      async () => {
        if (target === 'new') await this.store.addActivity(input);
        else if (target) await this.store.saveActivity(target, input);
        this.editing.set(null);
        this.rows.set(await this.store.activities());
        this.notifier.success('admin.privacy.processing.saved');
      },
      { form: this.row, recover: async () => this.rows.set(await this.store.activities()) },
    );
  }

  protected async remove(row: ProcessingActivityView): Promise<void> {
    const sure = await this.confirm.confirm({
      title: 'admin.privacy.processing.removeTitle',
      message: 'admin.privacy.processing.removeMessage',
      confirm: 'admin.privacy.processing.remove',
      params: { name: this.language() === 'nl' ? row.categoryNl : row.categoryEn },
      danger: true,
    });
    if (!sure) return;
    await this.runner.run(
      async () => {
        await this.store.removeActivity(row);
        this.rows.set(await this.store.activities());
      },
      { recover: async () => this.rows.set(await this.store.activities()) },
    );
  }
}
