import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES } from '@mijn-account/web-ui';
import { BrandBarComponent } from './brand-bar.component';

/**
 * What the app shows when it could not load its tenant — the service cannot reach its data
 * (issue 19 §1): no branding (the page does not know whose it is), what happened in the visitor's
 * language, and a retry that loads the page again, branding and all, once the service is back.
 */
@Component({
  selector: 'ma-unavailable-page',
  imports: [MatButtonModule, MatCardModule, TranslocoPipe, BrandBarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app.scss',
  styles: [PAGE_STYLES],
  template: `
    <ma-brand-bar />
    <main id="main" tabindex="-1">
      <h1>{{ 'unavailable.title' | transloco }}</h1>
      <mat-card appearance="outlined" data-testid="unavailable">
        <p role="alert">{{ 'unavailable.body' | transloco }}</p>
        <p>
          <button mat-flat-button type="button" (click)="retry()" data-testid="unavailable-retry">
            {{ 'unavailable.retry' | transloco }}
          </button>
        </p>
      </mat-card>
    </main>
  `,
})
export class UnavailablePageComponent {
  private readonly location = inject(DOCUMENT).location;

  protected retry(): void {
    this.location.reload();
  }
}
