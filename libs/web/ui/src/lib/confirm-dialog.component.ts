import { ChangeDetectionStrategy, Component, Injectable, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

/** What a confirmation asks: translation keys, with the values they name (the person, the count). */
export interface ConfirmRequest {
  /** Key of the question, e.g. `confirm.disableStaff.title`. */
  title: string;
  /** Key of what will happen, the consequence in view. */
  message: string;
  /** Key of the button that does it. */
  confirm: string;
  /** Values for the keys: `{ name: 'Anna' }`, `{ count: 12 }`. */
  params?: Record<string, unknown>;
  /** A destructive action: the button is coloured as a warning. */
  danger?: boolean;
}

/** The one confirmation dialog: the question, what will happen, cancel (first, so it has the focus) and the action. */
@Component({
  selector: 'ma-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .danger {
      --mat-button-filled-container-color: #b00020;
      --mat-button-filled-label-text-color: #ffffff;
    }
  `,
  template: `
    <h2 mat-dialog-title>{{ data.title | transloco: data.params }}</h2>
    <mat-dialog-content>
      <p data-testid="confirm-message">{{ data.message | transloco: data.params }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        {{ 'confirm.cancel' | transloco }}
      </button>
      <button mat-flat-button type="button" [class.danger]="data.danger" [mat-dialog-close]="true" data-testid="confirm">
        {{ data.confirm | transloco: data.params }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmRequest>(MAT_DIALOG_DATA);
}

/** Asks before a decision with consequences; resolves true only when the user confirmed. */
@Injectable({ providedIn: 'root' })
export class ConfirmDialog {
  private readonly dialog = inject(MatDialog);

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const ref = this.dialog.open<ConfirmDialogComponent, ConfirmRequest, boolean>(ConfirmDialogComponent, {
      data: request,
      role: 'alertdialog',
      maxWidth: 'min(32rem, calc(100vw - 2rem))',
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
