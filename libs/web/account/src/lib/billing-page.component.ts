import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  type OnInit,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { BillingDetails, ChangeHistoryEntry } from '@mijn-account/shared-contracts';
import { AccountDetailsStore, LoadState, SessionStore } from '@mijn-account/web-core';
import { PAGE_STYLES, SkeletonComponent } from '@mijn-account/web-ui';
import { nothingFilledIn } from './billing-details';
import { BillingFormComponent } from './billing-form.component';
import { BillingSummaryComponent } from './billing-summary.component';
import { ChangeHistoryComponent } from './change-history.component';

/**
 * Company and billing details of the account, with their history: read as they will appear on
 * invoices, and changed in a form that an owner opens (ADR 0017, "billing reads first"). The form,
 * its JavaScript (forms, Material's fields, the country picker) included, is loaded when opened.
 */
@Component({
  selector: 'ma-billing-page',
  imports: [
    TranslocoPipe,
    BillingFormComponent,
    BillingSummaryComponent,
    ChangeHistoryComponent,
    MatButtonModule,
    SkeletonComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      .edit {
        margin-top: 1rem;
      }
      .editor:focus {
        outline: none;
      }
    `,
  ],
  template: `
    <h1>{{ 'billing.title' | transloco }}</h1>
    @if (!canEdit()) {
      <p>{{ 'billing.readOnly' | transloco }}</p>
    }
    @if (editing()) {
      <section #editor class="editor" tabindex="-1" [attr.aria-label]="'billing.editing' | transloco">
        @defer (on immediate) {
          <ma-billing-form
            [canEdit]="true"
            [cancellable]="true"
            (saved)="closeEditor(true)"
            (cancelled)="closeEditor(false)"
          />
        } @placeholder {
          <ma-skeleton shape="fields" [lines]="5" testId="billing-loading" />
        }
      </section>
    } @else {
      <ma-billing-summary [details]="details()" [state]="detailsState" />
      @if (canEdit() && details()) {
        <button #editButton mat-flat-button type="button" class="edit" (click)="openEditor()" data-testid="billing-edit">
          {{ (empty() ? 'billing.add' : 'billing.edit') | transloco }}
        </button>
      }
    }
    <ma-change-history [entries]="history()" [state]="historyState" />
  `,
})
export class BillingPageComponent implements OnInit {
  private readonly store = inject(AccountDetailsStore);
  private readonly session = inject(SessionStore);
  private readonly injector = inject(Injector);
  protected readonly canEdit = computed(() => this.session.me()?.account?.role === 'owner');
  protected readonly details = signal<BillingDetails | null>(null);
  protected readonly detailsState = new LoadState();
  protected readonly empty = computed(() => {
    const details = this.details();
    return !!details && nothingFilledIn(details);
  });
  protected readonly editing = signal(false);
  protected readonly history = signal<ChangeHistoryEntry[]>([]);
  protected readonly historyState = new LoadState();
  private readonly editButton = viewChild('editButton', { read: ElementRef<HTMLElement> });
  private readonly editor = viewChild<ElementRef<HTMLElement>>('editor');

  ngOnInit(): void {
    void this.session.ensureLoaded();
    void this.loadDetails();
    void this.reloadHistory();
  }

  protected readonly loadDetails = () =>
    this.detailsState.track(async () => this.details.set((await this.store.loadBilling()).value));

  protected readonly reloadHistory = () =>
    this.historyState.track(async () => this.history.set(await this.store.billingHistory()));

  protected openEditor(): void {
    this.editing.set(true);
    afterNextRender(() => this.editor()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Back to the summary; after a save with what was saved, and the history with the change. */
  protected closeEditor(saved: boolean): void {
    this.editing.set(false);
    if (saved) {
      void this.loadDetails();
      void this.reloadHistory();
    }
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }
}
