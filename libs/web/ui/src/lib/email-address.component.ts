import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Where an address may break: after the @ and before each dot ("olivia@" "mapleleaf" ".example"). */
export function emailParts(address: string): string[] {
  return address.split(/(?<=@)|(?=\.)/).filter((part) => part !== '');
}

/**
 * An e-mail address that wraps only where it reads well: after the @ or before a dot (`<wbr>`,
 * which a copy leaves out), never inside a name ("mapleleaf.e" / "xample" at 360 px). Only a single
 * part wider than the line still breaks where it must. The one way the web shows an address.
 */
@Component({
  selector: 'ma-email',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      overflow-wrap: anywhere;
    }
  `,
  template: `@for (part of parts(); track $index) {@if (!$first) {<wbr />}{{ part }}}`,
})
export class EmailAddressComponent {
  readonly address = input.required<string>();
  protected readonly parts = computed(() => emailParts(this.address()));
}
