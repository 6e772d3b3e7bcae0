import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { NewsletterListView, ProblemDetails } from '@mijn-account/shared-contracts';
import { NewslettersStore, problemKey, problemOf } from '@mijn-account/web-core';
import { NewsletterTogglesComponent } from './newsletter-toggles.component';
import { PAGE_STYLES } from '@mijn-account/web-ui';

export type NewslettersMode = 'signed-in' | 'link' | 'confirm';

/**
 * Newsletters in three places: the signed-in page, the "manage my newsletters" page a mail links to
 * (no sign-in: the signed token is the key), and the double opt-in confirmation page.
 */
@Component({
  selector: 'ma-newsletters-page',
  imports: [MatCardModule, TranslocoPipe, NewsletterTogglesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PAGE_STYLES,
  template: `
    <h1>{{ (mode === 'confirm' ? 'newsletters.confirmTitle' : 'newsletters.title') | transloco }}</h1>
    @if (notice(); as key) {
      <p class="status" role="status" data-testid="newsletter-notice">{{ key | transloco: { name: noticeName() } }}</p>
    }
    @if (problem(); as p) {
      <p class="error" role="alert" data-testid="newsletter-error">{{ problemKey(p) | transloco }}</p>
    }
    @if (mode !== 'confirm') {
      <mat-card appearance="outlined">
        @if (email()) {
          <p>{{ 'newsletters.for' | transloco: { email: email() } }}</p>
        }
        <ma-newsletter-toggles [lists]="lists()" (toggled)="toggle($event.id, $event.subscribed)" />
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
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly problemKey = problemKey;

  ngOnInit(): void {
    void this.run(async () => {
      if (this.mode === 'confirm') {
        const confirmed = await this.store.confirm(this.token());
        this.noticeName.set(confirmed.name);
        this.notice.set('newsletters.confirmed');
      } else if (this.mode === 'link') {
        const view = await this.store.fromLink(this.token());
        this.email.set(view.email);
        this.lists.set(view.lists);
      } else {
        this.lists.set(await this.store.mine());
      }
    });
  }

  protected toggle(id: string, subscribed: boolean): Promise<void> {
    return this.run(async () => {
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

  private async run(work: () => Promise<void>): Promise<void> {
    this.problem.set(null);
    try {
      await work();
    } catch (error) {
      this.problem.set(problemOf(error));
    }
  }
}
