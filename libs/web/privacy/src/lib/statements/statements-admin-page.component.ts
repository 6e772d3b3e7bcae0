import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AdminStatementView, AdminStatementsView } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  LoadState,
  LocaleDatePipe,
  StatementsStore,
  TenantStore,
  DateFieldsModule,
} from '@mijn-account/web-core';
import {
  ConfirmDialog,
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';

const TEXT_FIELDS = [
  { name: 'summaryNl', label: 'admin.privacy.statements.summaryNl', body: false },
  { name: 'summaryEn', label: 'admin.privacy.statements.summaryEn', body: false },
  { name: 'bodyNl', label: 'admin.privacy.statements.bodyNl', body: true },
  { name: 'bodyEn', label: 'admin.privacy.statements.bodyEn', body: true },
] as const;

/**
 * The tenant admin's privacy statements: every published version, and one draft (started from the
 * version in force) to edit in nl and en and publish — which mails every user, after a confirmation
 * that names how many.
 */
@Component({
  selector: 'ma-statements-admin-page',
  imports: [
    DateFieldsModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    LocaleDatePipe,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      mat-form-field {
        display: block;
        width: 100%;
      }
      .date {
        max-width: 14rem;
      }
      textarea.body {
        min-height: 14rem;
        font-family: monospace;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .versions {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .versions li {
        padding: 0.5rem 0;
        border-top: 1px solid var(--mat-sys-outline-variant, #ccc);
        overflow-wrap: anywhere;
      }
      .versions p {
        margin: 0.25rem 0 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.privacy.statements.title' | transloco }}</h1>
    <p>{{ 'admin.privacy.statements.intro' | transloco }}</p>
    @if (page.loading()) {
      <ma-skeleton shape="fields" [lines]="5" testId="statements-loading" />
    } @else if (page.failed()) {
      <ma-load-failed message="admin.privacy.statements.failed" testId="statements-failed" (retry)="page.retry()" />
    } @else if (view(); as v) {
      <mat-card appearance="outlined">
          <h2>{{ 'admin.privacy.statements.draft' | transloco }}</h2>
          <ma-problem-alert [problem]="runner.problem()" />
          @if (draft(); as d) {
            <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="statement-draft">
              <p>{{ 'admin.privacy.statements.draftOf' | transloco: { version: d.version } }}</p>
              <mat-form-field appearance="outline" class="date">
                <mat-label>{{ 'admin.privacy.statements.effectiveOn' | transloco }}</mat-label>
                <input matInput [matDatepicker]="effectiveOnPicker" formControlName="effectiveOn" required data-testid="effective-on" />
                <mat-datepicker-toggle matIconSuffix [for]="effectiveOnPicker" />
                <mat-datepicker #effectiveOnPicker />
                @if (form.controls.effectiveOn.errors?.['server']; as message) {
                  <mat-error>{{ message }}</mat-error>
                }
              </mat-form-field>
              @for (field of textFields; track field.name) {
                <mat-form-field appearance="outline">
                  <mat-label>{{ field.label | transloco }}</mat-label>
                  <textarea
                    matInput
                    [class.body]="field.body"
                    [formControlName]="field.name"
                    [attr.data-testid]="field.name"
                    [rows]="field.body ? 14 : 3"
                  ></textarea>
                  @if (field.body) {
                    <mat-hint>{{ 'admin.privacy.statements.markdownHint' | transloco }}</mat-hint>
                  }
                  @if (form.controls[field.name].errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
              }
              <div class="actions">
                <button mat-stroked-button type="submit" data-testid="save-draft">
                  {{ 'admin.privacy.statements.save' | transloco }}
                </button>
                <button mat-flat-button type="button" (click)="publish(v.recipients)" data-testid="publish-statement">
                  {{ 'admin.privacy.statements.publish' | transloco }}
                </button>
                <button mat-button type="button" (click)="discard()" data-testid="discard-draft">
                  {{ 'admin.privacy.statements.discard' | transloco }}
                </button>
              </div>
            </form>
          } @else {
            <ma-empty-state
              icon="shield"
              title="admin.privacy.statements.noDraft"
              text="admin.privacy.statements.noDraftText"
              actionLabel="admin.privacy.statements.newVersion"
              (action)="startDraft()"
              testId="statements-no-draft"
            />
          }
      </mat-card>
      <mat-card appearance="outlined">
          <h2>{{ 'admin.privacy.statements.published' | transloco }}</h2>
          @if (published().length) {
            <ul class="versions" data-testid="statement-versions">
              @for (s of published(); track s.version) {
                <li>
                  <strong>{{
                    'admin.privacy.statements.versionLine'
                      | transloco: { version: s.version, date: noon(s.effectiveOn) | maDate: 'date' }
                  }}</strong>
                  <p>
                    {{
                      'admin.privacy.statements.announced'
                        | transloco: { date: s.publishedAt | maDate: 'date', count: s.announcedTo ?? 0 }
                    }}
                  </p>
                  <p>{{ s.summaryNl }}</p>
                  <p lang="en">{{ s.summaryEn }}</p>
                </li>
              }
            </ul>
          } @else {
            <ma-empty-state icon="history" title="admin.privacy.statements.nonePublished" testId="statements-none" />
          }
      </mat-card>
    }
  `,
})
export class StatementsAdminPageComponent implements OnInit {
  private readonly store = inject(StatementsStore);
  private readonly tenantStore = inject(TenantStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly confirmation = inject(ConfirmDialog);
  private readonly notifier = inject(Notifier);
  protected readonly page = new LoadState();
  protected readonly textFields = TEXT_FIELDS;
  protected readonly view = signal<AdminStatementsView | null>(null);
  protected readonly draft = signal<AdminStatementView | { version: number } | null>(null);
  protected readonly published = signal<AdminStatementView[]>([]);
  private etag: string | null = null;
  protected readonly form = this.fb.group({
    effectiveOn: ['', Validators.required],
    summaryNl: [''],
    summaryEn: [''],
    bodyNl: [''],
    bodyEn: [''],
  });
  protected readonly runner = new ActionRunner({ form: this.form });
  protected readonly noon = (day: string) => `${day}T12:00:00`;

  ngOnInit(): void {
    void this.page.track(() => this.load());
  }

  private async load(): Promise<void> {
    const { etag, ...view } = await this.store.adminList();
    this.view.set(view);
    this.etag = etag;
    const draft = view.statements.find((s) => s.status === 'draft') ?? null;
    this.published.set(view.statements.filter((s) => s.status === 'published'));
    this.draft.set(draft);
    if (draft) this.form.setValue(pick(draft));
  }

  /** A new draft, starting from the version in force (or empty), numbered after it. */
  protected startDraft(): void {
    const [latest] = this.published();
    const today = this.tenantStore.today();
    this.form.setValue(
      latest
        ? { ...pick(latest), effectiveOn: today, summaryNl: '', summaryEn: '' }
        : { effectiveOn: today, summaryNl: '', summaryEn: '', bodyNl: '', bodyEn: '' },
    );
    this.etag = null;
    this.draft.set({ version: (latest?.version ?? 0) + 1 });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    await this.runner.run(async () => {
      this.etag = await this.store.saveDraft(this.form.getRawValue(), this.etag);
      this.notifier.success('admin.privacy.statements.saved');
    });
  }

  /** Saves what is on the screen, then publishes exactly that, after confirming the count. */
  protected async publish(recipients: number): Promise<void> {
    const sure = await this.confirmation.confirm({
      title: 'admin.privacy.statements.confirmTitle',
      message: 'admin.privacy.statements.confirmMessage',
      confirm: 'admin.privacy.statements.publish',
      params: { count: recipients },
    });
    if (!sure) return;
    const problem = await this.runner.run(async () => {
      this.etag = await this.store.saveDraft(this.form.getRawValue(), this.etag);
      await this.store.publish(this.etag);
    });
    if (problem) return;
    this.notifier.success('admin.privacy.statements.publishedNow');
    await this.page.track(() => this.load());
  }

  protected async discard(): Promise<void> {
    const problem = await this.runner.run(async () => {
      if (this.etag) await this.store.deleteDraft(this.etag);
    });
    if (problem) return;
    this.etag = null;
    await this.page.track(() => this.load());
  }
}

function pick(s: AdminStatementView) {
  return {
    effectiveOn: s.effectiveOn,
    summaryNl: s.summaryNl,
    summaryEn: s.summaryEn,
    bodyNl: s.bodyNl,
    bodyEn: s.bodyEn,
  };
}
