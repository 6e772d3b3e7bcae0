import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import type { Language } from '@mijn-account/shared-contracts';

const NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

/** nl / en toggle; each option names its language in that language. */
@Component({
  selector: 'ma-language-switch',
  imports: [MatButtonToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [attr.aria-label]="label()"
      [value]="value()"
      (change)="changed.emit($event.value)"
      hideSingleSelectionIndicator
    >
      @for (language of languages(); track language) {
        <mat-button-toggle [value]="language" [attr.lang]="language" [aria-label]="names[language]">
          {{ language.toUpperCase() }}
        </mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
})
export class LanguageSwitchComponent {
  readonly languages = input.required<readonly Language[]>();
  readonly value = input.required<Language>();
  readonly label = input('Language');
  readonly changed = output<Language>();
  protected readonly names = NAMES;
}
