import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { type MyInvoiceView, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { ActionRunner, LoadState, MyFinanceStore, SessionStore } from '@mijn-account/web-core';
import {
  EmptyStateComponent,
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';
import { InvoiceListComponent } from './invoice-list.component';

/**
 * "Mijn facturen": the account's issued invoices and credit notes with their PDF and UBL; owners
 * always, members when an owner lets them (the owner's toggle is here). A member who may not see
 * them is told so, not shown an empty list.
 */
@Component({
  selector: 'ma-my-invoices-page',
  imports: [
    MatCardModule,
    MatSlideToggleModule,
    TranslocoPipe,
    EmptyStateComponent,
    InvoiceListComponent,
    LoadFailedComponent,
    ProblemAlertComponent,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [PAGE_STYLES, `:host { max-width: 60rem; }`],
  template: `
    <h1>{{ 'myInvoices.title' | transloco }}</h1>
    <p>{{ 'myInvoices.intro' | transloco }}</p>
    <ma-problem-alert [problem]="runner.problem()" />
    @if (isOwner()) {
      <mat-card appearance="outlined">
        @if (access.loading()) {
          <ma-skeleton [lines]="1" testId="invoice-access-loading" />
        } @else if (access.failed()) {
          <ma-load-failed message="myInvoices.accessFailed" testId="invoice-access-failed" (retry)="access.retry()" />
        } @else {
          <mat-slide-toggle
            [checked]="membersMay()"
            [disabled]="runner.busy()"
            (change)="setMembers($event.checked)"
            data-testid="members-see-invoices"
            >{{ 'myInvoices.membersToggle' | transloco }}</mat-slide-toggle
          >
        }
      </mat-card>
    }
    <mat-card appearance="outlined">
      @if (page.loading()) {
        <ma-skeleton [lines]="4" testId="invoices-loading" />
      } @else if (forbidden()) {
        <p data-testid="invoices-forbidden">{{ 'myInvoices.forbidden' | transloco }}</p>
      } @else if (page.failed()) {
        <ma-load-failed message="myInvoices.failed" testId="invoices-failed" (retry)="page.retry()" />
      } @else if (invoices().length === 0) {
        <ma-empty-state icon="inbox" title="myInvoices.none" text="myInvoices.noneNext" testId="invoices-empty" />
      } @else {
        <ma-invoice-list [invoices]="invoices()" [downloads]="fileUrl" />
      }
    </mat-card>
  `,
})
export class MyInvoicesPageComponent implements OnInit {
  private readonly store = inject(MyFinanceStore);
  private readonly session = inject(SessionStore);
  private readonly notifier = inject(Notifier);
  protected readonly isOwner = computed(() => this.session.me()?.account?.role === 'owner');
  protected readonly invoices = signal<MyInvoiceView[]>([]);
  protected readonly membersMay = signal(false);
  protected readonly page = new LoadState();
  protected readonly access = new LoadState();
  protected readonly runner = new ActionRunner();
  protected readonly forbidden = computed(
    () => this.page.failed() && this.page.problem()?.type === PROBLEM_TYPES.forbidden,
  );
  protected readonly fileUrl = (id: string, format: 'pdf' | 'ubl') => this.store.fileUrl(id, format);

  ngOnInit(): void {
    void this.page.track(async () => this.invoices.set(await this.store.invoices()));
    void this.session.ensureLoaded().then(() => {
      if (this.isOwner())
        void this.access.track(async () =>
          this.membersMay.set((await this.store.invoiceAccess()).membersMaySeeInvoices),
        );
    });
  }

  protected async setMembers(on: boolean): Promise<void> {
    const problem = await this.runner.run(async () =>
      this.membersMay.set((await this.store.setInvoiceAccess({ membersMaySeeInvoices: on })).membersMaySeeInvoices),
    );
    if (problem) this.membersMay.set(!on);
    else this.notifier.success(on ? 'myInvoices.membersOn' : 'myInvoices.membersOff');
  }
}
