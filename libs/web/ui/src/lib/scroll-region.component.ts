import { ChangeDetectionStrategy, Component, ViewEncapsulation, input } from '@angular/core';

/**
 * A wide table's box inside its card: when the card is narrower than the table, the table scrolls
 * sideways here instead of widening the page; from 600 px it also keeps its words whole and at least
 * 36rem wide. The box is a named region a keyboard can focus (and so scroll), as axe asks of
 * scrollable regions. Below 600 px a `table.stacked` inside (STACKED_TABLE_STYLES) is a list of cards
 * that fits, and nothing scrolls.
 * `label` is the region's name, already translated (it may take parameters).
 *
 * Not encapsulated: the table is the page's content, projected here; the rules name this element.
 */
@Component({
  selector: 'ma-scroll-region',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { role: 'region', tabindex: '0', '[attr.aria-label]': 'label()' },
  styles: `
    ma-scroll-region {
      display: block;
      overflow-x: auto;
    }
    @media (min-width: 600px) {
      ma-scroll-region th,
      ma-scroll-region td {
        overflow-wrap: normal;
      }
      ma-scroll-region table {
        min-width: 36rem;
      }
    }
  `,
  template: `<ng-content />`,
})
export class ScrollRegionComponent {
  readonly label = input.required<string>();
}
