import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { skip } from 'rxjs';
import type { NewsletterListView } from '@mijn-account/shared-contracts';
import { ActionRunner, LoadState, NewslettersStore } from '@mijn-account/web-core';
import { NewsletterTogglesComponent } from './newsletter-toggles.component';
import { LoadFailedComponent, PAGE_STYLES, ProblemAlertComponent, SkeletonComponent } from '@mijn-account/web-ui';

export type NewslettersMode = 'signed-in' | 'link' | 'confirm';

/**
 * Newsletters in three places: the signed-in page, the "manage my newsletters" page a mail links to
 * (no sign-in: the signed token is the key), and the double opt-in confirmation page.
 */
@Component({
  selector: 'ma-newsletters-page',
  imports: [
    MatCardModule,
    TranslocoPipe,
    NewsletterTogglesComponent,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <h1>{{ (mode === 'confirm' ? 'newsletters.confirmTitle' : 'newsletters.title') | transloco }}</h1>
    @if (notice(); as key) {
      <p class="status" role="status" data-testid="newsletter-notice">{{ key | transloco: { name: noticeName() } }}</p>
    }
    <ma-problem-alert [problem]="problem()" testId="newsletter-error" />
    @if (mode !== 'confirm') {
      <mat-card appearance="outlined">
        @if (state.loading()) {
          <ma-skeleton [lines]="3" testId="newsletters-loading" />
        } @else if (state.failed() && !problem()) {
          <ma-load-failed message="states.newsletters.failed" testId="newsletters-failed" (retry)="state.retry()" />
        } @else if (state.loaded()) {
          @if (email()) {
            <p>{{ 'newsletters.for' | transloco: { email: email() } }}</p>
          }
          <ma-newsletter-toggles [lists]="lists()" (toggled)="toggle($event.id, $event.subscribed)" />
        }
      </mat-card>
    }
  `,
})
export class NewslettersPageComponent implements OnInit {
  private readonly store = inject(NewslettersStore);
  readonly token = input<string>('');
  protected readonly mode = inject(ActivatedRoute).snapshot.data['mode'] as NewslettersMode;
  protected readonly lists = signal<NewsletterListView[]>([]);
  protected readonly email = signal('');
  protected readonly notice = signal<string | null>(null);
  protected readonly noticeName = signal('');
  private readonly runner = new ActionRunner();
  protected readonly problem = this.runner.problem;

  /** The lists as loaded: a failed load says so with a retry; a refused link (expired …) says why in the alert. */
  protected readonly state = new LoadState();

  constructor() {
    // The lists are named in the reader's language (the API answers in the page's): read them again
    // when the reader switches, so no name stays in the language left behind.
    inject(TranslocoService)
      .langChanges$.pipe(skip(1), takeUntilDestroyed())
      .subscribe(() => {
        if (this.mode !== 'confirm') void this.load();
      });
  }

  ngOnInit(): void {
    if (this.mode === 'confirm') {
      void this.runner.run(async () => {
        const confirmed = await this.store.confirm(this.token());
        this.noticeName.set(confirmed.name);
        this.notice.set('newsletters.confirmed');
      });
      return;
    }
    void this.load();
  }

  private load(): Promise<boolean> {
    return this.state.track(async () => {
      if (this.mode === 'link') {
        // A link the server refuses (expired, used, not valid) is a problem to explain, not a load to retry.
        await this.runner.run(async () => {
          const view = await this.store.fromLink(this.token());
          this.email.set(view.email);
          this.lists.set(view.lists);
        });
        if (this.problem()) throw new Error('the link was refused');
      } else {
        this.lists.set(await this.store.mine());
      }
    });
  }

  protected async toggle(id: string, subscribed: boolean): Promise<void> {
    await this.runner.run(async () => {
      const updated =
        this.mode === 'link'
          ? await this.store.setFromLink(this.token(), id, subscribed)
          : await this.store.setMine(id, subscribed);
      this.lists.update((lists) => lists.map((l) => (l.id === id ? updated : l)));
      this.noticeName.set(updated.name);
      this.notice.set(
        updated.status === 'pending'
          ? 'newsletters.checkMail'
          : updated.status === 'unsubscribed'
            ? 'newsletters.off'
            : null,
      );
    });
  }
}
