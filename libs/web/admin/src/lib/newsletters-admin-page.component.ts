import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { type FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { NewsletterListAdmin } from '@mijn-account/shared-contracts';
import { ActionRunner, NewslettersStore } from '@mijn-account/web-core';
import { PAGE_STYLES, ProblemAlertComponent } from '@mijn-account/web-ui';

/** A tenant admin's newsletters: lists in nl and en, shown or hidden; send an issue; export consents. */
@Component({
  selector: 'ma-newsletters-admin-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ProblemAlertComponent,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      :host {
        max-width: 60rem;
      }
      form mat-form-field {
        flex: 1 1 14rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.newsletters.title' | transloco }}</h1>
    @if (notice(); as n) {
      <p class="status" role="status" data-testid="newsletter-admin-notice">
        {{ n.key | transloco: { count: n.count } }}
      </p>
    }
    <ma-problem-alert [problem]="runner.problem()" />
    @for (list of lists(); track list.id) {
      <mat-card appearance="outlined" [attr.data-testid]="'list-' + list.nameEn">
        <h2>{{ list.nameNl }} / {{ list.nameEn }}</h2>
        <p>
          {{ 'admin.newsletters.confirmed' | transloco: { count: list.confirmedSubscribers } }} ·
          {{ (list.visible ? 'admin.newsletters.shown' : 'admin.newsletters.hidden') | transloco }} ·
          <a [href]="store.exportUrl(list.id)" download>{{ 'admin.newsletters.export' | transloco }}</a>
        </p>
        <button mat-stroked-button type="button" (click)="toggleVisible(list)">
          {{ (list.visible ? 'admin.newsletters.hide' : 'admin.newsletters.show') | transloco }}
        </button>
        <form
          class="row"
          [formGroup]="issueForm"
          #issueFormDir="ngForm"
          (ngSubmit)="send(list, issueFormDir)"
          novalidate
        >
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.newsletters.subject' | transloco }}</mat-label>
            <input matInput formControlName="subject" required />
            @if (issueForm.controls.subject.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.newsletters.body' | transloco }}</mat-label>
            <textarea matInput formControlName="body" rows="4" required></textarea>
            @if (issueForm.controls.body.errors?.['server']; as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit">{{ 'admin.newsletters.send' | transloco }}</button>
        </form>
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
  protected readonly lists = signal<NewsletterListAdmin[]>([]);
  protected readonly notice = signal<{ key: string; count: number } | null>(null);
  protected readonly runner = new ActionRunner();
  protected readonly listForm = this.fb.group({
    nameNl: ['', Validators.required],
    nameEn: ['', Validators.required],
    descriptionNl: [''],
    descriptionEn: [''],
    visible: [true],
  });
  protected readonly issueForm = this.fb.group({ subject: ['', Validators.required], body: ['', Validators.required] });

  ngOnInit(): void {
    void this.runner.run(async () => this.lists.set(await this.store.adminLists()));
  }

  /** A refused list shows its field errors at the fields; a created one leaves a clean, unsubmitted form. */
  protected async create(formDir: FormGroupDirective): Promise<void> {
    this.listForm.markAllAsTouched();
    if (this.listForm.invalid) return;
    await this.runner.run(
      async () => {
        await this.store.saveList(null, this.listForm.getRawValue());
        formDir.resetForm();
        this.lists.set(await this.store.adminLists());
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
      this.lists.set(await this.store.adminLists());
    });
  }

  protected async send(list: NewsletterListAdmin, formDir: FormGroupDirective): Promise<void> {
    this.issueForm.markAllAsTouched();
    if (this.issueForm.invalid) return;
    await this.runner.run(
      async () => {
        const count = await this.store.sendIssue(list.id, this.issueForm.getRawValue());
        formDir.resetForm();
        this.notice.set({ key: 'admin.newsletters.sent', count });
      },
      { form: this.issueForm },
    );
  }
}
