import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { MyPlanOption, MySubscriptionOptions, SubscriptionView } from '@mijn-account/shared-contracts';
import {
  ActionRunner,
  EnumLabelPipe,
  LanguageService,
  LoadState,
  LocaleMoneyPipe,
  MyFinanceStore,
  SessionStore,
  LocaleDatePipe,
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

/**
 * "Mijn abonnement": each subscription's plan, price, quantity, next invoice date and estimated
 * amount. The owner cancels at the end of the period (after a confirmation) and undoes that, and
 * changes plan or quantity where the tenant allows it; members read.
 */
@Component({
  selector: 'ma-subscription-page',
  imports: [
    LocaleDatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    EnumLabelPipe,
    LocaleMoneyPipe,
    EmptyStateComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: 0.25rem 1rem;
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 500;
      }
      dd {
        margin: 0;
      }
      @media (max-width: 599px) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: baseline;
      }
      .plan {
        flex: 1 1 16rem;
      }
      .quantity {
        flex: 0 1 8rem;
      }
      .badge {
        display: inline-block;
        padding: 0 0.5rem;
        border-radius: 999px;
        background: #e8eaf6;
      }
      .badge.cancelling,
      .badge.ended {
        background: #fff3e0;
      }
    `,
  ],
  template: `
    <h1>{{ 'subscription.title' | transloco }}</h1>
    <p>{{ 'subscription.intro' | transloco }}</p>
    <ma-problem-alert [problem]="runner.problem()" />
    @if (page.loading()) {
      <mat-card appearance="outlined">
        <ma-skeleton [lines]="5" testId="subscription-loading" />
      </mat-card>
    } @else if (page.failed()) {
      <mat-card appearance="outlined">
        <ma-load-failed message="subscription.failed" testId="subscription-failed" (retry)="page.retry()" />
      </mat-card>
    } @else if (subscriptions().length === 0) {
      <mat-card appearance="outlined">
        <ma-empty-state
          icon="inbox"
          title="subscription.none"
          text="subscription.noneNext"
          testId="subscription-empty"
        />
      </mat-card>
    } @else {
      @if (!isOwner()) {
        <p data-testid="subscription-read-only">
          {{ (options().mayChangePlan ? 'subscription.readOnlyMayChange' : 'subscription.readOnly') | transloco }}
        </p>
      }
      @for (s of subscriptions(); track s.id) {
        <mat-card appearance="outlined" data-testid="subscription">
          <h2>{{ s.planName[language()] }}</h2>
          <dl>
            <dt>{{ 'subscription.status' | transloco }}</dt>
            <dd>
              <span class="badge" [class]="s.status" data-testid="subscription-status">{{
                s.status | maLabel: 'subscriptionStatus'
              }}</span>
            </dd>
            <dt>{{ 'subscription.quantity' | transloco }}</dt>
            <dd data-testid="subscription-quantity">{{ s.quantity }}</dd>
            <dt>{{ 'subscription.unitPrice' | transloco }}</dt>
            <dd>
              {{ 'subscription.perInterval.' + s.interval | transloco: { price: (s.unitPriceMinor / 100 | maMoney: s.currency) } }}
            </dd>
            <dt>{{ 'subscription.price' | transloco }}</dt>
            <dd data-testid="subscription-price">
              {{
                'subscription.perInterval.' + s.interval
                  | transloco: { price: ((s.unitPriceMinor * s.quantity) / 100 | maMoney: s.currency) }
              }}
            </dd>
            <dt>{{ 'subscription.startDate' | transloco }}</dt>
            <dd>{{ s.startDate | maDate: 'long' }}</dd>
            @if (s.endDate) {
              <dt>{{ 'subscription.endDate' | transloco }}</dt>
              <dd data-testid="subscription-end">{{ s.endDate | maDate: 'long' }}</dd>
            }
            <dt>{{ 'subscription.nextInvoice' | transloco }}</dt>
            <dd data-testid="subscription-next">
              @if (s.nextInvoiceDate) {
                {{
                  'subscription.nextInvoiceOn'
                    | transloco
                      : { date: (s.nextInvoiceDate | maDate: 'long'), amount: ((s.estimatedAmountMinor ?? 0) / 100 | maMoney: s.currency) }
                }}
              } @else {
                {{ 'subscription.noNextInvoice' | transloco }}
              }
            </dd>
          </dl>
          @if (isOwner() && s.status !== 'ended') {
            <div class="actions">
              @if (s.cancelAtPeriodEnd) {
                <button
                  mat-flat-button
                  type="button"
                  [disabled]="runner.busy()"
                  (click)="resume(s)"
                  data-testid="subscription-resume"
                >
                  {{ 'subscription.resume' | transloco }}
                </button>
              } @else {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="runner.busy()"
                  (click)="cancel(s)"
                  data-testid="subscription-cancel"
                >
                  {{ 'subscription.cancel' | transloco }}
                </button>
              }
            </div>
            @if (options().mayChangePlan && !s.cancelAtPeriodEnd) {
              <h3>{{ 'subscription.change' | transloco }}</h3>
              <p>{{ 'subscription.changeIntro' | transloco }}</p>
              <form [formGroup]="form" (ngSubmit)="change(s)" novalidate data-testid="subscription-change">
                <mat-form-field appearance="outline" class="plan">
                  <mat-label>{{ 'subscription.plan' | transloco }}</mat-label>
                  <mat-select formControlName="planId" required>
                    @for (p of plansFor(s); track p.id) {
                      <mat-option [value]="p.id">{{
                        'subscription.planOption'
                          | transloco
                            : {
                                name: p.name[language()],
                                price:
                                  ('subscription.perInterval.' + p.interval
                                  | transloco: { price: (p.priceMinor / 100 | maMoney: p.currency) }),
                              }
                      }}</mat-option>
                    }
                  </mat-select>
                  @if (form.controls.planId.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <mat-form-field appearance="outline" class="quantity">
                  <mat-label>{{ 'subscription.quantity' | transloco }}</mat-label>
                  <input matInput type="number" min="1" step="1" formControlName="quantity" required />
                  @if (form.controls.quantity.errors?.['server']; as message) {
                    <mat-error>{{ message }}</mat-error>
                  }
                </mat-form-field>
                <button mat-flat-button type="submit" [disabled]="runner.busy()" data-testid="subscription-change-submit">
                  {{ 'subscription.changeSubmit' | transloco }}
                </button>
              </form>
            } @else if (!options().mayChangePlan) {
              <p>{{ 'subscription.changeNotAllowed' | transloco }}</p>
            }
          }
        </mat-card>
      }
    }
  `,
})
export class SubscriptionPageComponent implements OnInit {
  private readonly store = inject(MyFinanceStore);
  private readonly session = inject(SessionStore);
  private readonly confirmation = inject(ConfirmDialog);
  private readonly notifier = inject(Notifier);
  protected readonly language = inject(LanguageService).language;
  protected readonly isOwner = computed(() => this.session.me()?.account?.role === 'owner');
  protected readonly subscriptions = signal<SubscriptionView[]>([]);
  protected readonly options = signal<MySubscriptionOptions>({ mayChangePlan: false, plans: [] });
  protected readonly page = new LoadState();
  protected readonly form = inject(NonNullableFormBuilder).group({
    planId: ['', Validators.required],
    quantity: [1, [Validators.required, Validators.min(1)]],
  });
  protected readonly runner = new ActionRunner({ form: this.form, recover: () => this.load() });

  ngOnInit(): void {
    void this.session.ensureLoaded();
    void this.page.track(() => this.load());
  }

  /** Plans the subscription may move to: the same interval and currency (the API refuses others). */
  protected plansFor(s: SubscriptionView): MyPlanOption[] {
    return this.options().plans.filter((p) => p.interval === s.interval && p.currency === s.currency);
  }

  protected async cancel(s: SubscriptionView): Promise<void> {
    const sure = await this.confirmation.confirm({
      title: 'subscription.confirmCancel.title',
      message: 'subscription.confirmCancel.message',
      confirm: 'subscription.cancel',
      params: { plan: s.planName[this.language()] },
      danger: true,
    });
    if (!sure) return;
    await this.act(() => this.store.setCancel(s.id, true), 'subscription.cancelled');
  }

  protected resume(s: SubscriptionView): Promise<void> {
    return this.act(() => this.store.setCancel(s.id, false), 'subscription.resumed');
  }

  protected async change(s: SubscriptionView): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { planId, quantity } = this.form.getRawValue();
    await this.act(() => this.store.change(s.id, { planId, quantity: Number(quantity) }), 'subscription.changed');
  }

  private async act(work: () => Promise<unknown>, done: string): Promise<void> {
    const problem = await this.runner.run(async () => {
      await work();
      await this.load();
    });
    if (!problem) this.notifier.success(done);
  }

  private async load(): Promise<void> {
    const [subscriptions, options] = await Promise.all([this.store.subscriptions(), this.store.options()]);
    this.subscriptions.set(subscriptions);
    this.options.set(options);
    const first = subscriptions.find((s) => s.status !== 'ended');
    if (first && !this.form.dirty) this.form.reset({ planId: first.planId, quantity: first.quantity });
  }
}
