import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Location } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { type ForbiddenReason, SessionStore } from '@mijn-account/web-core';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/**
 * A page the user's role does not reach (the `pageAccess` guard shows this in its place, at the
 * address asked for): said plainly, not a working-looking page with nothing in it. Staff whose
 * functions wait for two-factor get the way to set it up instead.
 */
@Component({
  selector: 'ma-forbidden-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      code {
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ],
  template: `
    @if (reason() === 'two-factor') {
      <h1>{{ 'forbidden.twoFactor.title' | transloco }}</h1>
      <mat-card appearance="outlined" data-testid="forbidden-two-factor">
        <p>{{ 'forbidden.twoFactor.body' | transloco }}</p>
        <p class="actions">
          <a mat-flat-button routerLink="/security" data-testid="forbidden-set-up-two-factor">{{
            'forbidden.twoFactor.setUp' | transloco
          }}</a>
          <a mat-button routerLink="/account">{{ 'notFound.home' | transloco }}</a>
        </p>
      </mat-card>
    } @else {
      <h1>{{ 'forbidden.title' | transloco }}</h1>
      <mat-card appearance="outlined" data-testid="forbidden">
        <!-- Who can give the role: a subscriber's account owner, staff's administrator. -->
        <p>{{ (staff() ? 'forbidden.bodyStaff' : 'forbidden.body') | transloco }}</p>
        <p>
          {{ 'notFound.address' | transloco }} <code>{{ path }}</code>
        </p>
        <p class="actions">
          <a mat-flat-button routerLink="/account">{{ 'notFound.home' | transloco }}</a>
        </p>
      </mat-card>
    }
  `,
})
export class ForbiddenPageComponent {
  /** From the guard (`?reason=`, in the router's state only: the address bar keeps the page asked for). */
  readonly reason = input<ForbiddenReason | string>('role');
  /** The address as the browser shows it: the page that was asked for. */
  protected readonly path = inject(Location).path();
  private readonly session = inject(SessionStore);
  protected readonly staff = () => this.session.me()?.user.kind === 'staff';
}
