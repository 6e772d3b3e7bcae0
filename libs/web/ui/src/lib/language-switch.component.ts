import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChildren } from '@angular/core';
import type { Language } from '@mijn-account/shared-contracts';

const NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

/**
 * nl / en switch; each option names its language in that language. A radio group of plain buttons
 * (arrow keys move the choice, one tab stop) rather than Material's button toggle: it sits in the
 * shell of every page, and the toggle brought @angular/forms and ~75 kB into the first download.
 * Colours come from `--ma-language-switch-*` (the brand bar sets them).
 */
@Component({
  selector: 'ma-language-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'radiogroup', '[attr.aria-label]': 'label()' },
  template: `
    @for (language of languages(); track language; let i = $index) {
      <button
        #option
        type="button"
        role="radio"
        [attr.aria-checked]="language === value()"
        [attr.tabindex]="language === value() ? 0 : -1"
        [attr.lang]="language"
        [attr.aria-label]="names[language]"
        (click)="choose(language)"
        (keydown)="move($event, i)"
      >
        {{ language.toUpperCase() }}
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      border: 1px solid var(--ma-language-switch-border, var(--mat-sys-outline));
      border-radius: 20px;
      overflow: hidden;
    }
    button {
      min-width: 48px;
      height: 40px;
      padding: 0 12px;
      border: 0;
      background: transparent;
      color: inherit;
      font-family: inherit;
      font-size: 0.875rem;
      font-weight: 500;
      letter-spacing: 0.01em;
      cursor: pointer;
    }
    button + button { border-left: 1px solid var(--ma-language-switch-border, var(--mat-sys-outline)); }
    button[aria-checked='true'] {
      background: var(--ma-language-switch-selected-background, var(--mat-sys-secondary-container));
      color: var(--ma-language-switch-selected-color, var(--mat-sys-on-secondary-container));
    }
    button:focus-visible { outline: 2px solid currentColor; outline-offset: -4px; }
  `,
})
export class LanguageSwitchComponent {
  readonly languages = input.required<readonly Language[]>();
  readonly value = input.required<Language>();
  readonly label = input('Language');
  readonly changed = output<Language>();
  protected readonly names = NAMES;
  private readonly options = viewChildren<ElementRef<HTMLButtonElement>>('option');

  protected choose(language: Language): void {
    if (language !== this.value()) this.changed.emit(language);
  }

  /** Radio-group keys: arrows move to the previous or next language and choose it. */
  protected move(event: KeyboardEvent, index: number): void {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const languages = this.languages();
    const next = (index + step + languages.length) % languages.length;
    this.options()[next]?.nativeElement.focus();
    this.choose(languages[next]);
  }
}
