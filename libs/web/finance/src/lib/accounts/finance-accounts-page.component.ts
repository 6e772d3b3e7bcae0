import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/** Placeholder: this page is being built (issue 17). */
@Component({
  selector: 'ma-finance-accounts-page',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [PAGE_STYLES],
  template: `<h1>{{ 'finance.accounts.title' | transloco }}</h1>`,
})
export class FinanceAccountsPageComponent {}
