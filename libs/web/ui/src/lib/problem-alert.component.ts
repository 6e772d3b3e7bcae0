import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type ProblemDetails, problemKey } from '@mijn-account/shared-contracts';

/**
 * What went wrong, in the user's language, as an alert: the problem's own text
 * (`problems.<kind>`), or a translation key the page chose. Shows nothing when there is neither.
 */
@Component({
  selector: 'ma-problem-alert',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .error {
      color: #b00020;
      margin: 0 0 1rem;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    @if (message(); as key) {
      <p class="error" role="alert" [attr.data-testid]="testId()">{{ key | transloco }}</p>
    }
  `,
})
export class ProblemAlertComponent {
  /** The failed call's problem details. */
  readonly problem = input<ProblemDetails | null>(null);
  /** A translation key shown instead of the problem's (pages with wording of their own, e.g. sign-in). */
  readonly key = input<string | null>(null);
  /** `data-testid` of the alert, for the browser tests. */
  readonly testId = input<string | null>(null);
  protected readonly message = computed(() => {
    const problem = this.problem();
    return this.key() ?? (problem ? problemKey(problem) : null);
  });
}
