import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';

/** The icons an empty list can show (Material Symbols' outlines, inline: no icon font to load). */
const ICONS = {
  inbox:
    'M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm0 2v9h4a3 3 0 0 0 6 0h4V5H5zm0 11v3h14v-3h-2.3a5 5 0 0 1-9.4 0H5z',
  people:
    'M9 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0-6a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm0 8c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4zm-6 4c.2-.7 3.3-2 6-2s5.8 1.3 6 2H3zm13.1-3.9c1.6 1 2.9 2.3 2.9 3.9v2h4v-2c0-2-3.5-3.3-6.9-3.9zM15 12a4 4 0 0 0 0-8c-.5 0-.9.1-1.3.2a6 6 0 0 1 0 7.6c.4.1.8.2 1.3.2z',
  history:
    'M13 3a9 9 0 0 0-9 9H1l3.9 3.9L9 12H6a7 7 0 1 1 2.1 5l-1.4 1.4A9 9 0 1 0 13 3zm-1 5v5l4.3 2.5.7-1.2-3.5-2.1V8H12z',
  search:
    'M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 14 15.5l.3.3v.8l5 5 1.5-1.5-5-5zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9z',
  shield:
    'M12 1 3 5v6c0 5.6 3.8 10.7 9 12 5.2-1.3 9-6.4 9-12V5l-9-4zm0 2.2 7 3.1V11c0 4.5-3 8.7-7 9.9-4-1.2-7-5.4-7-9.9V6.3l7-3.1z',
  mail: 'M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 2-8 5-8-5h16zm0 12H4V8l8 5 8-5v10z',
} as const;

export type EmptyStateIcon = keyof typeof ICONS;

/**
 * What an empty list shows: an icon, what is (not) there, and the next step — in words, and where
 * the user can take it here, as an action (a link with `actionLink`, otherwise the `action` output).
 * Texts are translation keys; an empty list is never a bare table head.
 */
@Component({
  selector: 'ma-empty-state',
  imports: [RouterLink, MatButtonModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .empty {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      padding: 0.75rem 0;
    }
    svg {
      flex: none;
      color: var(--mat-sys-on-surface-variant, #555);
    }
    .title {
      margin: 0;
      font-weight: 600;
    }
    .text {
      margin: 0.25rem 0 0;
    }
    .action {
      margin-top: 0.75rem;
    }
  `,
  template: `
    <div class="empty" [attr.data-testid]="testId()">
      <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
        <path fill="currentColor" [attr.d]="icons[icon()]" />
      </svg>
      <div>
        <p class="title">{{ title() | transloco: params() }}</p>
        @if (text(); as text) {
          <p class="text">{{ text | transloco: params() }}</p>
        }
        @if (actionLabel(); as label) {
          <div class="action">
            @if (actionLink(); as link) {
              <a mat-stroked-button [routerLink]="link" [attr.data-testid]="testId() + '-action'">{{
                label | transloco: params()
              }}</a>
            } @else {
              <button mat-stroked-button type="button" (click)="action.emit()" [attr.data-testid]="testId() + '-action'">
                {{ label | transloco: params() }}
              </button>
            }
          </div>
        }
      </div>
    </div>
  `,
})
export class EmptyStateComponent {
  readonly icon = input<EmptyStateIcon>('inbox');
  /** Translation key: what is not there ("No helpdesk requests"). */
  readonly title = input.required<string>();
  /** Translation key: the next step ("When the helpdesk asks for access, you decide here."). */
  readonly text = input<string | null>(null);
  readonly params = input<Record<string, unknown>>({});
  /** Translation key of the action, if the next step can be taken from here. */
  readonly actionLabel = input<string | null>(null);
  /** Where the action leads; without it the action is a button that emits `action`. */
  readonly actionLink = input<string | null>(null);
  readonly testId = input<string>('empty-state');
  readonly action = output<void>();
  protected readonly icons = ICONS;
}
