import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { ActionRunner, LanguageService, NewslettersStore } from '@mijn-account/web-core';
import { ProblemAlertComponent } from '@mijn-account/web-ui';

type State = 'loading' | 'ready' | 'working' | 'done' | 'already' | 'failed';

/**
 * The page the visible "unsubscribe" link of every newsletter opens (no sign-in: the signed token is
 * the key). Opening it changes nothing — mail scanners open links — and one press of its button
 * unsubscribes. It speaks the subscriber's language and offers the way back in.
 */
@Component({
  selector: 'ma-newsletter-unsubscribe-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, ProblemAlertComponent, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: flex; justify-content: center; padding: 2rem 1rem; }
    mat-card { width: min(30rem, 100%); padding: 1rem; box-sizing: border-box; }
    h1 { font-size: 1.5rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
    p { margin: 0 0 1rem; overflow-wrap: anywhere; }
    .ok { color: #1b5e20; }
    .links { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; margin-top: 1rem; }
  `,
  template: `
    <mat-card appearance="outlined">
      <h1>{{ 'newsletters.unsubscribe.title' | transloco }}</h1>
      <div role="status" aria-live="polite">
        @switch (state()) {
          @case ('loading') {
            <p>{{ 'links.working' | transloco }}</p>
          }
          @case ('done') {
            <p class="ok" data-testid="unsubscribe-done">{{ 'newsletters.unsubscribe.done' | transloco: names() }}</p>
          }
          @case ('already') {
            <p data-testid="unsubscribe-already">{{ 'newsletters.unsubscribe.already' | transloco: names() }}</p>
          }
        }
      </div>
      <ma-problem-alert [problem]="runner.problem()" testId="unsubscribe-failed" />
      @if (state() === 'ready' || state() === 'working') {
        <p data-testid="unsubscribe-question">{{ 'newsletters.unsubscribe.question' | transloco: names() }}</p>
        <button mat-flat-button type="button" [disabled]="state() === 'working'" (click)="unsubscribe()" data-testid="unsubscribe-button">
          {{ 'newsletters.unsubscribe.button' | transloco }}
        </button>
      }
      @if (state() !== 'loading') {
        <p class="changed-mind">{{ 'newsletters.unsubscribe.changedMind' | transloco }}</p>
        <div class="links">
          <a routerLink="/account/newsletters" data-testid="to-preferences">{{ 'newsletters.unsubscribe.toPreferences' | transloco }}</a>
          <a routerLink="/sign-in">{{ 'links.toSignIn' | transloco }}</a>
        </div>
      }
    </mat-card>
  `,
})
export class NewsletterUnsubscribePageComponent implements OnInit {
  private readonly store = inject(NewslettersStore);
  private readonly language = inject(LanguageService);
  readonly token = input<string>('');
  protected readonly state = signal<State>('loading');
  protected readonly names = signal({ name: '', email: '' });
  protected readonly runner = new ActionRunner();

  ngOnInit(): void {
    void this.load();
  }

  protected async unsubscribe(): Promise<void> {
    this.state.set('working');
    const problem = await this.runner.run(() => this.store.unsubscribe(this.token()));
    this.state.set(problem ? 'ready' : 'done');
  }

  private async load(): Promise<void> {
    const problem = await this.runner.run(async () => {
      const view = await this.store.unsubscribeView(this.token());
      this.language.show(view.language);
      this.names.set({ name: view.list.name, email: view.email });
      this.state.set(view.list.status === 'pending' || view.list.status === 'confirmed' ? 'ready' : 'already');
    });
    if (problem) this.state.set('failed');
  }
}
