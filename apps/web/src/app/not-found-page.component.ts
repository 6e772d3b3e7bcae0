import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/** A path the portal does not have: said so, with the address and a way on (not a silent redirect). */
@Component({
  selector: 'ma-not-found-page',
  imports: [RouterLink, MatButtonModule, MatCardModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [PAGE_STYLES, `code { overflow-wrap: anywhere; }`],
  template: `
    <h1>{{ 'notFound.title' | transloco }}</h1>
    <mat-card appearance="outlined" data-testid="not-found">
      <p>{{ 'notFound.body' | transloco }}</p>
      <p>
        {{ 'notFound.address' | transloco }} <code>{{ path }}</code>
      </p>
      <p>
        <a mat-flat-button routerLink="/account">{{ 'notFound.home' | transloco }}</a>
      </p>
    </mat-card>
  `,
})
export class NotFoundPageComponent {
  protected readonly path = inject(Router).url;
}
