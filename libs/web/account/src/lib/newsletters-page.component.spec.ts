import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { ActivatedRoute } from '@angular/router';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import type { NewsletterListView } from '@mijn-account/shared-contracts';
import { NewslettersStore } from '@mijn-account/web-core';
import { NewslettersPageComponent } from './newsletters-page.component';
import { settle } from '@mijn-account/web-testing';

const list = (name: string): NewsletterListView => ({
  id: 'n-1',
  name,
  description: '',
  status: 'confirmed',
  consentText: '',
  offered: true,
});

describe('NewslettersPageComponent', () => {
  it('reads the lists again when the reader switches language, so their names follow (issue 16)', async () => {
    // The API names the lists in the page's language (Accept-Language): Dutch first, English after the switch.
    const mine = jest
      .fn()
      .mockResolvedValueOnce([list('Productnieuws')])
      .mockResolvedValueOnce([list('Product news')]);
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl: {}, en: {} },
          translocoConfig: {
            defaultLang: 'nl',
            availableLangs: ['nl', 'en'],
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        { provide: ActivatedRoute, useValue: { snapshot: { data: { mode: 'signed-in' } } } },
        { provide: NewslettersStore, useValue: { mine } },
      ],
    });
    const fixture = TestBed.createComponent(NewslettersPageComponent);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=newsletters]')?.textContent).toContain('Productnieuws');

    TestBed.inject(TranslocoService).setActiveLang('en');
    await settle(fixture);
    expect(mine).toHaveBeenCalledTimes(2);
    expect(el.querySelector('[data-testid=newsletters]')?.textContent).toContain('Product news');
    expect(el.querySelector('[data-testid=newsletters]')?.textContent).not.toContain('Productnieuws');
  });
});
