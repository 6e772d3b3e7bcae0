import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * The way back from a detail page to its list, above the page's title: "← All invoices". One
 * component so every detail page shows it alike; the arrow is decoration, hidden from screen
 * readers, which read the list's name. `label` is a translation key.
 */
@Component({
  selector: 'ma-back-link',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin: 0 0 0.5rem;
    }
  `,
  template: `<a [routerLink]="to()" data-testid="back-link"><span aria-hidden="true">← </span>{{ label() | transloco }}</a>`,
})
export class BackLinkComponent {
  readonly to = input.required<string>();
  readonly label = input.required<string>();
}
