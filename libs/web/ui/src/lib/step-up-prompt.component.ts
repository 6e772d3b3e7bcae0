import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** Asks for the password or a code once more before a sensitive action (the labels come translated). */
@Component({
  selector: 'ma-step-up-prompt',
  imports: [FormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule],
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
      <h2>{{ title() }}</h2>
      <p>{{ intro() }}</p>
      <form class="row" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ label() }}</mat-label>
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
        <button mat-flat-button type="submit">{{ submitLabel() }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">{{ cancelLabel() }}</button>
      </form>
      @if (wrongMessage()) {
        <p class="error" role="alert">{{ wrongMessage() }}</p>
      }
    </mat-card>
  `,
})
export class StepUpPromptComponent {
  /** `code`: a code from the authenticator app only (staff actions that need a second factor). */
  readonly kind = input<'password' | 'code'>('password');
  readonly title = input.required<string>();
  readonly intro = input.required<string>();
  readonly label = input.required<string>();
  readonly submitLabel = input.required<string>();
  readonly cancelLabel = input.required<string>();
  /** Shown when the last try was refused. */
  readonly wrongMessage = input<string | null>(null);
  /** What was typed: a code when `kind` is code, otherwise a password or code (the API tells them apart). */
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
