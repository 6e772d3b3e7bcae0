import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { map } from 'rxjs';
import {
  AGE_CONFIRMATIONS,
  type AgeConfirmation,
  type AgeRequirement,
  type Language,
  ageWording,
} from '@mijn-account/shared-contracts';

/**
 * The tenant's age question at sign-up (issue 18 §1), for the password sign-up and the Google or
 * Microsoft one alike: the sentence chosen is the one the consent ledger records.
 */
@Component({
  selector: 'ma-age-question',
  imports: [ReactiveFormsModule, MatRadioModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    fieldset {
      border: none;
      padding: 0;
      margin: 0 0 1rem;
    }
    .choices {
      display: flex;
      flex-direction: column;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  template: `
    <fieldset [attr.data-testid]="testId()">
      <legend>{{ 'signUp.ageLegend' | transloco }}</legend>
      <mat-radio-group [formControl]="control()" class="choices" required>
        @for (choice of choices(); track choice) {
          <mat-radio-button [value]="choice">{{ wording(choice) }}</mat-radio-button>
        }
      </mat-radio-group>
      @if (missing()) {
        <p class="error" role="alert">{{ 'signUp.ageRequired' | transloco }}</p>
      } @else if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    </fieldset>
  `,
})
export class AgeQuestionComponent {
  readonly requirement = input.required<AgeRequirement>();
  readonly control = input.required<FormControl<AgeConfirmation | null>>();
  /** Submitted without a choice. */
  readonly missing = input(false);
  /** The server's text for the field, if it refused the choice. */
  readonly error = input<string | null>(null);
  readonly testId = input.required<string>();
  private readonly transloco = inject(TranslocoService);
  private readonly language = toSignal(
    this.transloco.langChanges$.pipe(map((l) => (l === 'nl' ? 'nl' : 'en') as Language)),
    { initialValue: (this.transloco.getActiveLang() === 'nl' ? 'nl' : 'en') as Language },
  );
  protected readonly choices = computed<readonly AgeConfirmation[]>(() =>
    this.requirement().parentalConsentAllowed ? AGE_CONFIRMATIONS : ['of-age'],
  );

  protected wording(choice: AgeConfirmation): string {
    return ageWording(choice, this.requirement().minimumAge, this.language());
  }
}
