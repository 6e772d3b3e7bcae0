import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, inject, signal, viewChild } from '@angular/core';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { type FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { Language, NewsletterListAdmin } from '@mijn-account/shared-contracts';
import { ActionRunner, NewslettersStore } from '@mijn-account/web-core';
import { ConfirmDialog, FORM_STYLES, PAGE_STYLES, ProblemAlertComponent } from '@mijn-account/web-ui';

/**
 * A tenant admin's newsletters: lists in nl and en, shown or hidden, consents exported (CSV in the
 * page's language); and one issue composer for all lists — choose the list, see how many it
 * reaches, preview, test to oneself, send after a confirmation naming the count.
 */
@Component({
  selector: 'ma-newsletters-admin-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemAlertComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    FORM_STYLES,
    `
      :host {
        max-width: 60rem;
      }
      .previews {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
        gap: 1rem;
        margin-top: 1rem;
      }
      .previews iframe {
        width: 100%;
        height: 24rem;
        border: 1px solid #c4c4c4;
        border-radius: 4px;
        background: #ffffff;
      }
      .previews h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.newsletters.title' | transloco }}</h1>
    @if (notice(); as n) {
      <p class="status" role="status" data-testid="newsletter-admin-notice">
        {{ n.key | transloco: n.params }}
      </p>
    }
    <ma-problem-alert [problem]="runner.problem()" />
    @for (list of lists(); track list.id) {
      <mat-card appearance="outlined" [attr.data-testid]="'list-' + list.nameEn">
        <h2>{{ list.nameNl }} / {{ list.nameEn }}</h2>
        <p>
          {{ 'admin.newsletters.confirmed' | transloco: { count: list.confirmedSubscribers } }} ·
          {{ (list.visible ? 'admin.newsletters.shown' : 'admin.newsletters.hidden') | transloco }} ·
          <a [href]="exportUrl(list)" download>{{ 'admin.newsletters.export' | transloco }}</a>
        </p>
        <div class="actions">
          <button mat-stroked-button type="button" (click)="toggleVisible(list)">
            {{ (list.visible ? 'admin.newsletters.hide' : 'admin.newsletters.show') | transloco }}
          </button>
          <button mat-stroked-button type="button" (click)="write(list)">
            {{ 'admin.newsletters.write' | transloco }}
          </button>
        </div>
      </mat-card>
    }
    @if (lists().length > 0) {
      <mat-card appearance="outlined" data-testid="issue-composer">
        <h2 #composerHeading tabindex="-1">{{ 'admin.newsletters.composer' | transloco }}</h2>
        <form [formGroup]="issueForm" #issueFormDir="ngForm" (ngSubmit)="send(issueFormDir)" novalidate>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.newsletters.list' | transloco }}</mat-label>
              <mat-select formControlName="listId" (selectionChange)="countRecipients()" required>
                @for (list of lists(); track list.id) {
                  <mat-option [value]="list.id">{{ listName(list) }}</mat-option>
                }
              </mat-select>
              @if (recipients(); as r) {
                <mat-hint data-testid="issue-recipients">{{
                  'admin.newsletters.reaches' | transloco: { count: r.count }
                }}</mat-hint>
              }
            </mat-form-field>
          </div>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.newsletters.subject' | transloco }}</mat-label>
              <input matInput formControlName="subject" required />
              @if (issueForm.controls.subject.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          </div>
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'admin.newsletters.body' | transloco }}</mat-label>
              <textarea matInput formControlName="body" rows="6" required></textarea>
              <mat-hint>{{ 'admin.newsletters.bodyHint' | transloco }}</mat-hint>
              @if (issueForm.controls.body.errors?.['server']; as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
          </div>
          <div class="actions">
            <button mat-stroked-button type="button" (click)="preview()">
              {{ 'admin.newsletters.preview' | transloco }}
            </button>
            <button mat-stroked-button type="button" (click)="sendTest()">
              {{ 'admin.newsletters.sendTest' | transloco }}
            </button>
            <button mat-flat-button type="submit">{{ 'admin.newsletters.send' | transloco }}</button>
          </div>
        </form>
        @if (previews(); as shown) {
          <section
            class="previews"
            data-testid="issue-preview"
            [attr.aria-label]="'admin.newsletters.preview' | transloco"
          >
            @for (p of shown.mails; track p.language) {
              <div>
                <h3>{{ 'admin.newsletters.previewIn.' + p.language | transloco }}: {{ p.subject }}</h3>
                <!-- The mail's own HTML in a sandbox: no scripts, no links followed, nothing of the page reachable. -->
                <iframe
                  sandbox=""
                  [srcdoc]="p.html"
                  [title]="('admin.newsletters.previewIn.' + p.language | transloco) + ': ' + p.subject"
                  [attr.data-testid]="'issue-preview-' + p.language"
                ></iframe>
              </div>
            }
          </section>
        }
      </mat-card>
    }
    <mat-card appearance="outlined">
      <h2>{{ 'admin.newsletters.new' | transloco }}</h2>
      <form class="row" [formGroup]="listForm" #listFormDir="ngForm" (ngSubmit)="create(listFormDir)" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.newsletters.nameNl' | transloco }}</mat-label>
          <input matInput formControlName="nameNl" required />
          @if (listForm.controls.nameNl.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.newsletters.nameEn' | transloco }}</mat-label>
          <input matInput formControlName="nameEn" required />
          @if (listForm.controls.nameEn.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.newsletters.descriptionNl' | transloco }}</mat-label>
          <input matInput formControlName="descriptionNl" />
          @if (listForm.controls.descriptionNl.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.newsletters.descriptionEn' | transloco }}</mat-label>
          <input matInput formControlName="descriptionEn" />
          @if (listForm.controls.descriptionEn.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-checkbox formControlName="visible">{{ 'admin.newsletters.visible' | transloco }}</mat-checkbox>
        <button mat-flat-button type="submit">{{ 'admin.newsletters.create' | transloco }}</button>
      </form>
    </mat-card>
  `,
})
export class NewslettersAdminPageComponent implements OnInit {
  protected readonly store = inject(NewslettersStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly transloco = inject(TranslocoService);
  protected readonly lists = signal<NewsletterListAdmin[]>([]);
  protected readonly notice = signal<{ key: string; params: Record<string, unknown> } | null>(null);
  /** How many the chosen list's issue reaches now (counted by the API like the send). */
  protected readonly recipients = signal<{ listId: string; count: number } | null>(null);
  /** The issue as its mail will look, per language. */
  protected readonly previews = signal<{ mails: { language: Language; subject: string; html: SafeHtml }[] } | null>(
    null,
  );
  private readonly composerHeading = viewChild<ElementRef<HTMLElement>>('composerHeading');
  private readonly confirmation = inject(ConfirmDialog);
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly runner = new ActionRunner();
  protected readonly listForm = this.fb.group({
    nameNl: ['', Validators.required],
    nameEn: ['', Validators.required],
    descriptionNl: [''],
    descriptionEn: [''],
    visible: [true],
  });
  /** The one issue composer: which list, subject and text; preview, test and send act on what it holds. */
  protected readonly issueForm = this.fb.group({
    listId: ['', Validators.required],
    subject: ['', Validators.required],
    body: ['', Validators.required],
  });

  ngOnInit(): void {
    void this.runner.run(async () => this.showLists(await this.store.adminLists()));
  }

  /** The lists; the composer keeps its list, or takes the first. */
  private showLists(lists: NewsletterListAdmin[]): void {
    this.lists.set(lists);
    const chosen = this.issueForm.controls.listId;
    if (!lists.some((l) => l.id === chosen.value) && lists.length > 0) {
      chosen.setValue(lists[0].id);
      void this.countRecipients();
    }
  }

  /** A card's "write an issue": the composer takes that list, and focus moves to it. */
  protected write(list: NewsletterListAdmin): void {
    if (this.issueForm.controls.listId.value !== list.id) {
      this.issueForm.controls.listId.setValue(list.id);
      this.previews.set(null);
      void this.countRecipients();
    }
    const heading = this.composerHeading()?.nativeElement;
    heading?.scrollIntoView?.({ block: 'start' });
    heading?.focus();
  }

  protected async countRecipients(): Promise<void> {
    const listId = this.issueForm.controls.listId.value;
    this.previews.set(null);
    if (!listId) return;
    const count = await this.store.recipients(listId).catch(() => null);
    if (count !== null && this.issueForm.controls.listId.value === listId) this.recipients.set({ listId, count });
  }

  /** A refused list shows its field errors at the fields; a created one leaves a clean, unsubmitted form. */
  protected async create(formDir: FormGroupDirective): Promise<void> {
    this.listForm.markAllAsTouched();
    if (this.listForm.invalid) return;
    await this.runner.run(
      async () => {
        await this.store.saveList(null, this.listForm.getRawValue());
        formDir.resetForm();
        this.showLists(await this.store.adminLists());
      },
      { form: this.listForm },
    );
  }

  protected async toggleVisible(list: NewsletterListAdmin): Promise<void> {
    const fields = {
      nameNl: list.nameNl,
      nameEn: list.nameEn,
      descriptionNl: list.descriptionNl,
      descriptionEn: list.descriptionEn,
    };
    await this.runner.run(async () => {
      await this.store.saveList(list.id, { ...fields, visible: !list.visible });
      this.showLists(await this.store.adminLists());
    });
  }

  /** The composer's list and issue, once its fields are filled in. */
  private composed(): { list: NewsletterListAdmin; issue: { subject: string; body: string } } | null {
    this.issueForm.markAllAsTouched();
    const { listId, subject, body } = this.issueForm.getRawValue();
    const list = this.lists().find((l) => l.id === listId);
    if (this.issueForm.invalid || !list) return null;
    return { list, issue: { subject, body } };
  }

  /** Sends after a confirmation that names the list and how many people it reaches now (asked of the API). */
  protected async send(formDir: FormGroupDirective): Promise<void> {
    const composed = this.composed();
    if (!composed) return;
    const { list, issue } = composed;
    let count = 0;
    const counted = await this.runner.run(async () => (count = await this.store.recipients(list.id)));
    if (counted) return;
    this.recipients.set({ listId: list.id, count });
    const sure = await this.confirmation.confirm({
      title: 'confirm.sendIssue.title',
      message: 'confirm.sendIssue.message',
      confirm: 'confirm.sendIssue.action',
      params: { count, list: this.listName(list), subject: issue.subject },
    });
    if (!sure) return;
    await this.runner.run(
      async () => {
        const sent = await this.store.sendIssue(list.id, issue);
        formDir.resetForm({ listId: list.id, subject: '', body: '' });
        this.previews.set(null);
        this.notice.set({ key: 'admin.newsletters.sent', params: { count: sent } });
      },
      { form: this.issueForm },
    );
  }

  /** Shows the issue as its mail will look in each language of the list (sends nothing). */
  protected async preview(): Promise<void> {
    const composed = this.composed();
    if (!composed) return;
    await this.runner.run(
      async () => {
        const mails = await this.store.previewIssue(composed.list.id, composed.issue);
        // The server built this HTML from the template, every value escaped; the frame is sandboxed besides.
        const trusted = mails.map((m) => ({
          language: m.language,
          subject: m.subject,
          html: this.sanitizer.bypassSecurityTrustHtml(m.html),
        }));
        this.previews.set({ mails: trusted });
      },
      { form: this.issueForm },
    );
  }

  /** Mails the issue to the signed-in admin only; the form keeps its text (the real send comes next). */
  protected async sendTest(): Promise<void> {
    const composed = this.composed();
    if (!composed) return;
    await this.runner.run(
      async () => {
        const to = await this.store.sendTestIssue(composed.list.id, composed.issue);
        this.notice.set({ key: 'admin.newsletters.testSent', params: { email: to } });
      },
      { form: this.issueForm },
    );
  }

  /** The page's language (the one Transloco shows). */
  private language(): Language {
    return this.transloco.getActiveLang() === 'nl' ? 'nl' : 'en';
  }

  /** The export, its columns in the page's language. */
  protected exportUrl(list: NewsletterListAdmin): string {
    return this.store.exportUrl(list.id, this.language());
  }

  protected listName(list: NewsletterListAdmin): string {
    return this.language() === 'nl' ? list.nameNl : list.nameEn;
  }
}
