import { ChangeDetectionStrategy, Component, type OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type AdminPrivacyRequestView,
  type ClosedRequestState,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  type PrivacyRequestKind,
  type PrivacyRequestState,
  REGISTERED_CHANNELS,
  type RegisteredChannel,
  type RestrictedPersonView,
} from '@mijn-account/shared-contracts';
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
import { PrivacyRequestsStore } from './privacy-requests.store';
import { REQUEST_LIST_STYLES } from './request-styles';

type Panel = { id: string; kind: 'extend' | 'close' | 'restrict' } | null;

/**
 * The tenant admin's register of privacy requests (issue 18 §5): overdue and due-soon marked, a
 * filter by status, requests that came by e-mail, phone or letter registered here, an extension by
 * at most two months with the reason the person is mailed, closing with status and outcome; and
 * restriction of processing (Art. 18) set or lifted with its reason, with everyone restricted or objecting listed.
 */
@Component({
  selector: 'ma-privacy-requests-admin-page',
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
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    FORM_STYLES,
    REQUEST_LIST_STYLES,
    `
      mat-form-field {
        max-width: 28rem;
      }
      form.panel {
        margin-top: 0.75rem;
        padding: 0.75rem;
        background: #f7f7f7;
        border-radius: 4px;
      }
      .summary {
        font-weight: 500;
      }
    `,
  ],
  template: `
    <h1>{{ 'admin.privacy.requests.title' | transloco }}</h1>
    <p>{{ 'admin.privacy.requests.intro' | transloco }}</p>
    <ma-problem-alert [problem]="problem()" testId="requests-problem" />

    <mat-card appearance="outlined">
      <h2>{{ 'admin.privacy.requests.registerTitle' | transloco }}</h2>
      <form [formGroup]="registration" (ngSubmit)="register()" novalidate data-testid="register-form">
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.requests.type' | transloco }}</mat-label>
            <mat-select formControlName="type" data-testid="register-type">
              @for (type of types; track type) {
                <mat-option [value]="type">{{ type | maLabel: 'privacyRequestType' }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>{{ 'admin.privacy.requests.channel' | transloco }}</mat-label>
            <mat-select formControlName="channel" data-testid="register-channel">
              @for (channel of channels; track channel) {
                <mat-option [value]="channel">{{ channel | maLabel: 'privacyRequestChannel' }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.privacy.requests.receivedOn' | transloco }}</mat-label>
          <input matInput [matDatepicker]="receivedOnPicker" formControlName="receivedOn" required data-testid="register-received" />
          <mat-datepicker-toggle matIconSuffix [for]="receivedOnPicker" />
          <mat-datepicker #receivedOnPicker />
          @if (registration.controls.receivedOn.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.privacy.requests.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" data-testid="register-email" />
          <mat-hint>{{ 'admin.privacy.requests.emailHint' | transloco }}</mat-hint>
          @if (registration.controls.email.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'admin.privacy.requests.details' | transloco }}</mat-label>
          <textarea matInput formControlName="details" rows="2" data-testid="register-details"></textarea>
          @if (registration.controls.details.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="register-submit">
          {{ 'admin.privacy.requests.register' | transloco }}
        </button>
      </form>
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'admin.privacy.requests.listTitle' | transloco }}</h2>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'admin.privacy.requests.filter' | transloco }}</mat-label>
        <mat-select [value]="status()" (selectionChange)="filter($event.value)" data-testid="status-filter">
          <mat-option [value]="null">{{ 'admin.privacy.requests.all' | transloco }}</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ s | maLabel: 'privacyRequestStatus' }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (page.loading()) {
        <ma-skeleton [lines]="5" testId="requests-loading" />
      } @else if (page.failed()) {
        <ma-load-failed testId="requests-failed" (retry)="page.retry()" />
      } @else if (requests().length === 0) {
        <ma-empty-state
          title="admin.privacy.requests.empty"
          text="admin.privacy.requests.emptyText"
          testId="requests-empty"
        />
      } @else {
        <p class="summary" data-testid="requests-summary">
          {{ 'admin.privacy.requests.summary' | transloco: { overdue: count('overdue'), soon: count('due-soon') } }}
        </p>
        <ul class="requests" data-testid="admin-requests">
          @for (r of requests(); track r.id) {
            <li [class]="r.deadlineState" data-testid="admin-request" [attr.data-state]="r.deadlineState">
              <strong>{{ r.type | maLabel: 'privacyRequestType' }}</strong>
              · <span [class]="'badge ' + r.deadlineState">{{ r.deadlineState | maLabel: 'deadlineState' }}</span>
              <dl>
                <dt>{{ 'admin.privacy.requests.person' | transloco }}</dt>
                <dd>
                  @if (r.personEmail) {
                    {{ r.personName }} (<ma-email [address]="r.personEmail" />)
                    @if (r.personRestricted) {
                      · <strong data-testid="person-restricted">{{ 'admin.privacy.requests.restricted' | transloco }}</strong>
                    }
                  } @else {
                    {{ 'admin.privacy.requests.noAccount' | transloco }}
                  }
                </dd>
                @if (r.details) {
                  <dt>{{ 'admin.privacy.requests.details' | transloco }}</dt>
                  <dd>{{ r.details }}</dd>
                }
                <dt>{{ 'privacy.requests.received' | transloco }}</dt>
                <dd>
                  {{ r.receivedOn | maDate: 'long' }} · {{ r.channel | maLabel: 'privacyRequestChannel' }}
                  @if (r.registeredBy) {
                    · {{ 'admin.privacy.requests.registeredBy' | transloco: { name: r.registeredBy } }}
                  }
                </dd>
                <dt>{{ 'privacy.requests.dueOn' | transloco }}</dt>
                <dd data-testid="request-due">{{ r.dueOn | maDate: 'long' }}</dd>
                @if (r.extendedUntil) {
                  <dt>{{ 'privacy.requests.extended' | transloco }}</dt>
                  <dd>{{ 'privacy.requests.extendedFrom' | transloco: { date: (r.deadline | maDate: 'long') } }} “{{ r.extensionReason }}”</dd>
                }
                <dt>{{ 'privacy.requests.status' | transloco }}</dt>
                <dd data-testid="request-status">{{ r.status | maLabel: 'privacyRequestStatus' }}</dd>
                @if (r.outcome) {
                  <dt>{{ 'privacy.requests.outcome' | transloco }}</dt>
                  <dd>{{ r.outcome }}</dd>
                }
              </dl>
              @if (r.status === 'open') {
                <div class="actions">
                  @if (!r.extendedUntil) {
                    <button mat-stroked-button type="button" (click)="open(r, 'extend')" data-testid="extend">
                      {{ 'admin.privacy.requests.extend' | transloco }}
                    </button>
                  }
                  <button mat-stroked-button type="button" (click)="open(r, 'close')" data-testid="close">
                    {{ 'admin.privacy.requests.close' | transloco }}
                  </button>
                  @if (r.userId && r.type === 'restriction') {
                    <button mat-stroked-button type="button" (click)="open(r, 'restrict')" data-testid="restrict">
                      {{ (r.personRestricted ? 'admin.privacy.requests.lift' : 'admin.privacy.requests.restrict') | transloco }}
                    </button>
                  }
                </div>
              }
              @if (panel()?.id === r.id) {
                @switch (panel()?.kind) {
                  @case ('extend') {
                    <form class="panel" [formGroup]="extension" (ngSubmit)="extend(r)" novalidate data-testid="extend-form">
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'admin.privacy.requests.until' | transloco }}</mat-label>
                        <input matInput [matDatepicker]="untilPicker" formControlName="until" [max]="r.latestExtension" required data-testid="extend-until" />
                        <mat-datepicker-toggle matIconSuffix [for]="untilPicker" />
                        <mat-datepicker #untilPicker />
                        <mat-hint>{{ 'admin.privacy.requests.untilHint' | transloco: { date: (r.latestExtension | maDate: 'long') } }}</mat-hint>
                        @if (extension.controls.until.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'admin.privacy.requests.extensionReason' | transloco }}</mat-label>
                        <textarea matInput formControlName="reason" rows="2" required data-testid="extend-reason"></textarea>
                        @if (extension.controls.reason.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <div class="actions">
                        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="extend-submit">
                          {{ 'admin.privacy.requests.extendSubmit' | transloco }}
                        </button>
                        <button mat-button type="button" (click)="panel.set(null)">{{ 'admin.privacy.requests.cancel' | transloco }}</button>
                      </div>
                    </form>
                  }
                  @case ('close') {
                    <form class="panel" [formGroup]="closing" (ngSubmit)="close(r)" novalidate data-testid="close-form">
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'admin.privacy.requests.closeStatus' | transloco }}</mat-label>
                        <mat-select formControlName="status" data-testid="close-status">
                          @for (s of closedStatuses; track s) {
                            <mat-option [value]="s">{{ s | maLabel: 'privacyRequestStatus' }}</mat-option>
                          }
                        </mat-select>
                      </mat-form-field>
                      <mat-form-field appearance="outline">
                        <mat-label>{{ 'admin.privacy.requests.outcome' | transloco }}</mat-label>
                        <textarea matInput formControlName="outcome" rows="2" required data-testid="close-outcome"></textarea>
                        @if (closing.controls.outcome.errors?.['server']; as message) {
                          <mat-error>{{ message }}</mat-error>
                        }
                      </mat-form-field>
                      <div class="actions">
                        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="close-submit">
                          {{ 'admin.privacy.requests.closeSubmit' | transloco }}
                        </button>
                        <button mat-button type="button" (click)="panel.set(null)">{{ 'admin.privacy.requests.cancel' | transloco }}</button>
                      </div>
                    </form>
                  }
                  @case ('restrict') {
                    <form class="panel" [formGroup]="restriction" (ngSubmit)="restrict(r)" novalidate data-testid="restrict-form">
                      @if (!r.personRestricted) {
                        <mat-form-field appearance="outline">
                          <mat-label>{{ 'admin.privacy.requests.restrictionReason' | transloco }}</mat-label>
                          <textarea matInput formControlName="reason" rows="2" required data-testid="restrict-reason"></textarea>
                          @if (restriction.controls.reason.errors?.['server']; as message) {
                            <mat-error>{{ message }}</mat-error>
                          }
                        </mat-form-field>
                        <p>{{ 'admin.privacy.requests.restrictEffects' | transloco }}</p>
                      }
                      <div class="actions">
                        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="restrict-submit">
                          {{ (r.personRestricted ? 'admin.privacy.requests.lift' : 'admin.privacy.requests.restrict') | transloco }}
                        </button>
                        <button mat-button type="button" (click)="panel.set(null)">{{ 'admin.privacy.requests.cancel' | transloco }}</button>
                      </div>
                    </form>
                  }
                }
              }
            </li>
          }
        </ul>
      }
    </mat-card>

    <mat-card appearance="outlined">
      <h2>{{ 'admin.privacy.requests.restrictionsTitle' | transloco }}</h2>
      @if (people.loading()) {
        <ma-skeleton [lines]="2" testId="restrictions-loading" />
      } @else if (people.failed()) {
        <ma-load-failed testId="restrictions-failed" (retry)="people.retry()" />
      } @else if (restricted().length === 0) {
        <p data-testid="restrictions-empty">{{ 'admin.privacy.requests.restrictionsEmpty' | transloco }}</p>
      } @else {
        <ul class="requests" data-testid="restrictions">
          @for (p of restricted(); track p.userId) {
            <li data-testid="restricted-person">
              <strong>{{ p.displayName }}</strong> (<ma-email [address]="p.email" />)
              <dl>
                @if (p.restrictedAt) {
                  <dt>{{ 'admin.privacy.requests.restrictedSince' | transloco }}</dt>
                  <dd>{{ p.restrictedAt | maDate: 'date' }} · {{ p.restrictedBy }} · “{{ p.reason }}”</dd>
                }
                @if (p.marketingObjectedAt) {
                  <dt>{{ 'privacy.restriction.objection.direct-marketing' | transloco }}</dt>
                  <dd>{{ p.marketingObjectedAt | maDate: 'date' }}</dd>
                }
                @if (p.statisticsObjectedAt) {
                  <dt>{{ 'privacy.restriction.objection.statistics' | transloco }}</dt>
                  <dd>{{ p.statisticsObjectedAt | maDate: 'date' }}</dd>
                }
              </dl>
              @if (p.restrictedAt) {
                <div class="actions">
                  <button mat-stroked-button type="button" (click)="lift(p)" [disabled]="busy()" data-testid="lift">
                    {{ 'admin.privacy.requests.lift' | transloco }}
                  </button>
                </div>
              }
            </li>
          }
        </ul>
      }
    </mat-card>
  `,
})
export class PrivacyRequestsAdminPageComponent implements OnInit {
  private readonly store = inject(PrivacyRequestsStore);
  private readonly tenantStore = inject(TenantStore);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly page = new LoadState();
  protected readonly people = new LoadState();
  protected readonly requests = signal<AdminPrivacyRequestView[]>([]);
  protected readonly restricted = signal<RestrictedPersonView[]>([]);
  protected readonly status = signal<PrivacyRequestState | null>('open');
  protected readonly panel = signal<Panel>(null);
  protected readonly types = PRIVACY_REQUEST_TYPES;
  protected readonly channels = REGISTERED_CHANNELS;
  protected readonly statuses = PRIVACY_REQUEST_STATUSES;
  protected readonly closedStatuses = PRIVACY_REQUEST_STATUSES.filter((s) => s !== 'open') as ClosedRequestState[];
  protected readonly registration = this.fb.group({
    type: this.fb.control<PrivacyRequestKind>('access'),
    channel: this.fb.control<RegisteredChannel>('phone'),
    // Today on the admin's own calendar (toISOString gave UTC's, a day ahead on an American evening).
    receivedOn: [this.tenantStore.today(), Validators.required],
    email: [''],
    details: [''],
  });
  protected readonly extension = this.fb.group({ until: ['', Validators.required], reason: ['', Validators.required] });
  protected readonly closing = this.fb.group({
    status: this.fb.control<ClosedRequestState>('done'),
    outcome: ['', Validators.required],
  });
  protected readonly restriction = this.fb.group({ reason: [''] });
  private readonly runner = new ActionRunner({ recover: () => this.reload() });
  protected readonly problem = this.runner.problem;
  protected readonly busy = this.runner.busy;

  ngOnInit(): void {
    void this.page.track(() => this.loadRequests());
    void this.people.track(() => this.loadPeople());
  }

  private async loadRequests(): Promise<void> {
    this.requests.set(await this.store.requests(this.status()));
  }

  private async loadPeople(): Promise<void> {
    this.restricted.set(await this.store.restrictions());
  }

  private async reload(): Promise<void> {
    await Promise.all([this.page.track(() => this.loadRequests()), this.people.track(() => this.loadPeople())]);
  }

  protected count(state: 'overdue' | 'due-soon'): number {
    return this.requests().filter((r) => r.deadlineState === state).length;
  }

  protected filter(status: PrivacyRequestState | null): void {
    this.status.set(status);
    void this.page.track(() => this.loadRequests());
  }

  protected open(request: AdminPrivacyRequestView, kind: 'extend' | 'close' | 'restrict'): void {
    this.extension.reset({ until: request.latestExtension, reason: '' });
    this.closing.reset({ status: 'done', outcome: '' });
    this.restriction.reset({ reason: request.details ?? '' });
    this.panel.set({ id: request.id, kind });
  }

  protected async register(): Promise<void> {
    const values = this.registration.getRawValue();
    await this.runner.run(
      async () => {
        await this.store.register({
          type: values.type,
          channel: values.channel,
          receivedOn: values.receivedOn,
          email: values.email.trim() || null,
          details: values.details.trim() || null,
        });
        this.registration.patchValue({ email: '', details: '' });
        this.notifier.success('admin.privacy.requests.registered');
        await this.reload();
      },
      { form: this.registration },
    );
  }

  protected async extend(request: AdminPrivacyRequestView): Promise<void> {
    this.extension.markAllAsTouched();
    if (this.extension.invalid) return;
    await this.runner.run(
      async () => {
        await this.store.extend(request, this.extension.getRawValue());
        this.panel.set(null);
        this.notifier.success('admin.privacy.requests.extendedNotice');
        await this.reload();
      },
      { form: this.extension },
    );
  }

  protected async close(request: AdminPrivacyRequestView): Promise<void> {
    this.closing.markAllAsTouched();
    if (this.closing.invalid) return;
    await this.runner.run(
      async () => {
        await this.store.close(request, this.closing.getRawValue());
        this.panel.set(null);
        this.notifier.success('admin.privacy.requests.closedNotice');
        await this.reload();
      },
      { form: this.closing },
    );
  }

  protected async restrict(request: AdminPrivacyRequestView): Promise<void> {
    if (!request.userId) return;
    const userId = request.userId;
    const restricted = !request.personRestricted;
    await this.runner.run(
      async () => {
        const person = await this.store.person(userId);
        await this.store.setRestriction(userId, person.version, {
          restricted,
          reason: restricted ? this.restriction.getRawValue().reason.trim() : null,
        });
        this.panel.set(null);
        this.notifier.success(
          restricted ? 'admin.privacy.requests.restrictedNotice' : 'admin.privacy.requests.liftedNotice',
        );
        await this.reload();
      },
      { form: this.restriction },
    );
  }

  protected async lift(person: RestrictedPersonView): Promise<void> {
    await this.runner.run(async () => {
      await this.store.setRestriction(person.userId, person.version, { restricted: false, reason: null });
      this.notifier.success('admin.privacy.requests.liftedNotice');
      await this.reload();
    });
  }
}
