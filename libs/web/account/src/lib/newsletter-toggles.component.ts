import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { EmptyStateComponent } from '@mijn-account/web-ui';
import type { NewsletterListView } from '@mijn-account/shared-contracts';

/**
 * One clear on/off per newsletter, with the exact consent words, and "waiting for your confirmation".
 * A list the admin hid shows only to those on it: they can switch it off, not back on.
 */
@Component({
  selector: 'ma-newsletter-toggles',
  imports: [MatSlideToggleModule, TranslocoPipe, EmptyStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ul { list-style: none; padding: 0; margin: 0; }
    li { padding: 0.75rem 0; border-bottom: 1px solid #ddd; }
    .description, .consent { margin: 0.25rem 0 0; }
    .consent { font-size: 0.875rem; }
    .pending { color: #8a5300; margin: 0.25rem 0 0; }
  `,
  template: `
    @if (lists().length === 0) {
      <ma-empty-state icon="mail" title="newsletters.none" text="states.newsletters.noneNext" testId="newsletters-empty" />
    }
    <ul data-testid="newsletters">
      @for (list of lists(); track list.id) {
        <li>
          <mat-slide-toggle
            [checked]="list.status === 'pending' || list.status === 'confirmed'"
            [disabled]="!list.offered && list.status !== 'pending' && list.status !== 'confirmed'"
            (change)="toggled.emit({ id: list.id, subscribed: $event.checked })"
            [attr.data-testid]="'toggle-' + list.id"
            >{{ list.name }}</mat-slide-toggle
          >
          @if (list.description) {
            <p class="description">{{ list.description }}</p>
          }
          @if (list.offered) {
            <p class="consent">{{ list.consentText }}</p>
          } @else {
            <p class="consent" data-testid="not-offered">{{ 'newsletters.noLongerOffered' | transloco }}</p>
          }
          @if (list.status === 'pending') {
            <p class="pending" role="status" data-testid="pending">{{ 'newsletters.pending' | transloco }}</p>
          }
        </li>
      }
    </ul>
  `,
})
export class NewsletterTogglesComponent {
  readonly lists = input.required<NewsletterListView[]>();
  readonly toggled = output<{ id: string; subscribed: boolean }>();
}
