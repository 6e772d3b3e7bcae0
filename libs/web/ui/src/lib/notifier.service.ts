import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';

/** How long a confirmation stays (it is read out when it appears). */
export const NOTICE_MS = 6000;

/**
 * Says that something worked, in one place for every page: a Material snackbar at the foot of the
 * screen, in the user's language, announced to screen readers (a polite status). Failures are not
 * said here: they stay at their field or in the page's alert until dealt with.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  success(key: string, params?: Record<string, unknown>): void {
    // No action button: a confirmation asks nothing of the user (and adds no second "Close" to the page).
    this.snackBar.open(this.transloco.translate(key, params), undefined, {
      duration: NOTICE_MS,
      politeness: 'polite',
      panelClass: 'ma-notice',
    });
  }
}
