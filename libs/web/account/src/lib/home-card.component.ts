import { ChangeDetectionStrategy, Component, type WritableResource, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';

/** What a card shows the state of: the resource its facts come from (loading, failed, try again). */
export type HomeCardSource = Pick<WritableResource<unknown>, 'isLoading' | 'error' | 'reload'>;

/**
 * One card of a home: a heading, its facts (projected), and a link to the page where it is dealt
 * with. The card follows the resource its facts come from: while it loads the card says so (and
 * shows no facts); when loading failed it says that — never an empty card that reads as "nothing
 * there" — with a retry that loads the resource again. Heading and link text are translation keys;
 * `testId` names the card (`data-testid`) and its link (`<testId>-link`).
 */
@Component({
  selector: 'ma-home-card',
  imports: [RouterLink, MatButtonModule, MatCardModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-testid]': 'testId()' },
  styles: `
    :host { display: block; min-width: 0; }
    mat-card { height: 100%; padding: 1rem; box-sizing: border-box; overflow-wrap: anywhere; }
    h3 { margin: 0 0 0.5rem; font-size: 1.125rem; }
    .state { color: var(--mat-sys-on-surface-variant); }
    .error { color: #b00020; }
    .actions { margin-top: auto; padding-top: 0.75rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .attention { border-left: 4px solid var(--mat-sys-primary); }
    /*
     * The card's facts take at least four lines on a phone and five in the wide grid (whose rows take
     * their tallest card's height anyway), loading or loaded: the placeholder (a line of text and two
     * bars of a line each) fits in them, and the usual facts do too (a subscription of two plans is
     * five lines at 1280 px), so the cards, and the section under them, stay where they are when the
     * data arrives (it moved ~50 px; browser test in honest-states.e2e.ts).
     */
    .body { min-height: 5.25rem; }
    @media (min-width: 600px) { .body { min-height: 6.5rem; } }
    .body p { margin: 0.25rem 0; }
    .short { width: 60%; }
    .skeleton { display: block; height: 0.75rem; margin: 0.4rem 0 0.55rem; border-radius: 4px; background: var(--mat-sys-surface-container-high); }
  `,
  template: `
    <mat-card appearance="outlined" [class.attention]="attention()" [attr.aria-busy]="loading()">
      <h3>{{ heading() | transloco }}</h3>
      <div class="body">
        @if (loading()) {
          <p class="state">{{ 'home.loading' | transloco }}</p>
          <span class="skeleton" aria-hidden="true"></span>
          <span class="skeleton short" aria-hidden="true"></span>
        } @else if (failed()) {
          <p class="error" role="alert">{{ 'home.failed' | transloco }}</p>
        } @else {
          <ng-content />
        }
      </div>
      <div class="actions">
        @if (failed()) {
          <button mat-stroked-button type="button" (click)="source().reload()">{{ 'home.retry' | transloco }}</button>
        }
        <a mat-button [routerLink]="link()" [attr.data-testid]="testId() + '-link'">{{ linkText() | transloco }}</a>
      </div>
    </mat-card>
  `,
})
export class HomeCardComponent {
  readonly heading = input.required<string>();
  readonly link = input.required<string>();
  readonly linkText = input.required<string>();
  readonly testId = input.required<string>();
  readonly source = input.required<HomeCardSource>();
  /** Something here waits for the user (a request to decide, two-factor to set up). */
  readonly attention = input(false);
  protected readonly loading = computed(() => this.source().isLoading());
  protected readonly failed = computed(() => !!this.source().error());
}
