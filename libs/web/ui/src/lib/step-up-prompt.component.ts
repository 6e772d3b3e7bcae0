import {
  ChangeDetectionStrategy,
  Component,
  type OnDestroy,
  type TemplateRef,
  afterNextRender,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule, type MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * Asks for the password or a code once more before a sensitive action, in a dialog over the page
 * (focus moves into it and returns to the button that asked when it closes). The dialog is open
 * while this element is on the page: pages show it with `@if (stepUp.waiting())`; Escape or a click
 * beside it cancels.
 */
@Component({
  selector: 'ma-step-up-prompt',
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
    }
    .error {
      color: #b00020;
    }
  `,
  template: `
    <ng-template #body>
      <div data-testid="step-up">
        <h2 mat-dialog-title>{{ 'security.stepUp.title' | transloco }}</h2>
        <mat-dialog-content>
          <p>{{ (kind() === 'code' ? 'security.stepUp.introCode' : 'security.stepUp.intro') | transloco }}</p>
          <form class="row" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'security.stepUp.' + kind() | transloco }}</mat-label>
              @if (kind() === 'code') {
                <input
                  matInput
                  name="secret"
                  [(ngModel)]="secret"
                  autocomplete="one-time-code"
                  inputmode="numeric"
                  required
                />
              } @else {
                <input
                  matInput
                  name="secret"
                  type="password"
                  [(ngModel)]="secret"
                  autocomplete="current-password"
                  required
                />
              }
            </mat-form-field>
            <button mat-flat-button type="submit">{{ 'security.stepUp.submit' | transloco }}</button>
            <button mat-button type="button" (click)="cancel()">{{ 'security.cancel' | transloco }}</button>
          </form>
          @if (wrong()) {
            <p class="error" role="alert">{{ 'security.stepUp.wrong' | transloco }}</p>
          }
        </mat-dialog-content>
      </div>
    </ng-template>
  `,
})
export class StepUpPromptComponent implements OnDestroy {
  /** What is asked for: `password`; `secret` (password or code, when two-factor is on); `code` (staff actions that need a second factor). */
  readonly kind = input<'password' | 'secret' | 'code'>('password');
  /** The last try was refused. */
  readonly wrong = input(false);
  /** What was typed, trimmed. */
  readonly confirmed = output<string>();
  readonly cancelled = output<void>();
  protected secret = '';
  private readonly body = viewChild.required<TemplateRef<unknown>>('body');
  private readonly dialog = inject(MatDialog);
  private ref: MatDialogRef<unknown> | null = null;

  constructor() {
    afterNextRender(() => {
      const ref = this.dialog.open(this.body(), { maxWidth: 'min(32rem, calc(100vw - 2rem))' });
      this.ref = ref;
      // Closed by Escape or a click beside it (not by the page removing this element): a cancel.
      ref.afterClosed().subscribe(() => {
        if (this.ref === ref) {
          this.ref = null;
          this.cancelled.emit();
        }
      });
    });
  }

  ngOnDestroy(): void {
    const ref = this.ref;
    this.ref = null;
    ref?.close();
  }

  protected submit(): void {
    const secret = this.secret.trim();
    if (!secret) return;
    this.secret = '';
    this.confirmed.emit(secret);
  }

  protected cancel(): void {
    this.cancelled.emit();
  }
}
