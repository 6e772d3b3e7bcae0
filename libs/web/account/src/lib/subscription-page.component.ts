import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/** Placeholder: this page is being built (issue 17). */
@Component({
  selector: 'ma-subscription-page',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [PAGE_STYLES],
  template: `<h1>{{ 'subscription.title' | transloco }}</h1>`,
})
export class SubscriptionPageComponent {}
