import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';

/** Asks for the password or a code once more before a sensitive action. */
@Component({
  selector: 'ma-step-up-prompt',
  imports: [FormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    mat-card {
      padding: 1rem;
      margin: 1rem 0;
    }
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
    <mat-card appearance="outlined" data-testid="step-up">
      <h2>{{ 'security.stepUp.title' | transloco }}</h2>
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
        <button mat-button type="button" (click)="cancelled.emit()">{{ 'security.cancel' | transloco }}</button>
      </form>
      @if (wrong()) {
        <p class="error" role="alert">{{ 'security.stepUp.wrong' | transloco }}</p>
      }
    </mat-card>
  `,
})
export class StepUpPromptComponent {
  /** What is asked for: `password`; `secret` (password or code, when two-factor is on); `code` (staff actions that need a second factor). */
  readonly kind = input<'password' | 'secret' | 'code'>('password');
  /** The last try was refused. */
  readonly wrong = input(false);
  /** What was typed, trimmed. */
  readonly confirmed = output<string>();
  readonly cancelled = output<void>();
  protected secret = '';

  protected submit(): void {
    const secret = this.secret.trim();
    if (!secret) return;
    this.secret = '';
    this.confirmed.emit(secret);
  }
}
