import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';

/**
 * Copy and download (a text file) for freshly made recovery codes, so they end up somewhere safe
 * rather than in a screenshot. The file names whose codes they are and says each works once.
 */
@Component({
  selector: 'ma-recovery-code-actions',
  imports: [MatButtonModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin: 0 0 1rem;
    }
  `,
  template: `
    <button mat-stroked-button type="button" (click)="copy()" data-testid="recovery-codes-copy">
      {{ 'security.twoFactor.copyCodes' | transloco }}
    </button>
    <a mat-stroked-button [href]="href()" [download]="fileName()" data-testid="recovery-codes-download">
      {{ 'security.twoFactor.downloadCodes' | transloco }}
    </a>
    <span role="status">
      @if (copied() !== null) {
        {{ (copied() ? 'security.twoFactor.codesCopied' : 'security.twoFactor.copyFailed') | transloco }}
      }
    </span>
  `,
})
export class RecoveryCodeActionsComponent {
  readonly codes = input.required<string[]>();
  /** Whose codes: the portal's name and the user's e-mail address, written at the top of the file. */
  readonly portal = input.required<string>();
  readonly email = input.required<string>();
  private readonly clipboard = inject(Clipboard);
  private readonly transloco = inject(TranslocoService);
  protected readonly copied = signal<boolean | null>(null);

  /** The file's text: a heading line, the codes one per line, and how they work. */
  protected readonly text = computed(() =>
    [
      this.transloco.translate('security.twoFactor.codesFileTitle', { portal: this.portal(), email: this.email() }),
      '',
      ...this.codes(),
      '',
      this.transloco.translate('security.twoFactor.codesFileNote'),
      '',
    ].join('\n'),
  );
  protected readonly href = computed(() => `data:text/plain;charset=utf-8,${encodeURIComponent(this.text())}`);
  protected readonly fileName = computed(
    () =>
      `recovery-codes-${this.portal()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')}.txt`,
  );

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.codes().join('\n')));
  }
}
