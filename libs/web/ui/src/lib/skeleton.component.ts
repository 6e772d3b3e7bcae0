import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The shape of what is on its way (lines of text, or a form's fields) while a page's data loads,
 * so nothing reads as empty and no form can be typed into before its data is there. Screen readers
 * hear "Loading …" once (a polite status).
 */
@Component({
  selector: 'ma-skeleton',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .bar {
      display: block;
      height: 0.9rem;
      margin: 0.6rem 0;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high, #e6e6e6);
      animation: pulse 1.4s ease-in-out infinite;
    }
    .field {
      height: 3.5rem;
      margin: 0.5rem 0 1.25rem;
      max-width: 24rem;
    }
    @keyframes pulse {
      50% {
        opacity: 0.55;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        animation: none;
      }
    }
  `,
  template: `
    <div role="status" [attr.data-testid]="testId()">
      <span class="cdk-visually-hidden">{{ 'states.loading' | transloco }}</span>
      @for (width of widths(); track $index) {
        <span class="bar" [class.field]="shape() === 'fields'" [style.width.%]="width" aria-hidden="true"></span>
      }
    </div>
  `,
})
export class SkeletonComponent {
  /** How many lines (or fields) to sketch. */
  readonly lines = input(3);
  /** `lines` of text, or the `fields` of a form. */
  readonly shape = input<'lines' | 'fields'>('lines');
  readonly testId = input<string | null>('skeleton');
  protected readonly widths = computed(() =>
    Array.from({ length: this.lines() }, (_, i) => (this.shape() === 'fields' ? 100 : [100, 85, 60][i % 3])),
  );
}
