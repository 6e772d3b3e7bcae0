import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { PAGE_STYLES } from '@mijn-account/web-ui';

/** Placeholder: this page is being built (issue 18). */
@Component({
  selector: 'ma-my-privacy-requests-page',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [PAGE_STYLES],
  template: `<h1>{{ 'privacy.requests.title' | transloco }}</h1>`,
})
export class MyPrivacyRequestsPageComponent {}
