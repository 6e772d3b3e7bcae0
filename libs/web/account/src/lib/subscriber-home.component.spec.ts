import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AccessGrantView, NewsletterListView, SecurityOverview } from '@mijn-account/shared-contracts';
import { HelpdeskAccessStore, NewslettersStore, SecurityStore } from '@mijn-account/web-core';
import { SubscriberHomeComponent } from './subscriber-home.component';

const en = {
  home: {
    loading: 'Loading…',
    failed: 'This could not be loaded.',
    retry: 'Try again',
    helpdesk: {
      open: 'Go',
      none: 'No open requests.',
      pending: '{{ agent }} asks — decide within {{ time }}',
      active: '{{ agent }} has access, {{ time }} left',
    },
    twoFactor: { title: '2FA', open: 'Go', on: 'On.', off: 'Off.' },
    newsletters: { open: 'Go', none: 'None.', subscribed: 'You receive:', awaiting: 'Awaiting: {{ lists }}' },
  },
  helpdesk: { title: 'Helpdesk access' },
  newsletters: { title: 'Newsletters' },
};

const grant = (status: AccessGrantView['status'], minutes: number): AccessGrantView =>
  ({
    id: `${status}-1`,
    requestedBy: 'Agent Smith',
    status,
    requestExpiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
  }) as AccessGrantView;

describe('SubscriberHomeComponent', () => {
  const requests = jest.fn<Promise<AccessGrantView[]>, []>();
  const mine = jest.fn<Promise<NewsletterListView[]>, []>();
  const overview = signal<SecurityOverview | null>(null);
  const load = jest.fn<Promise<void>, []>();

  beforeEach(() => {
    requests.mockReset();
    mine.mockReset();
    load
      .mockReset()
      .mockImplementation(async () => overview.set({ twoFactor: { enabled: false } } as SecurityOverview));
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'] },
        }),
      ],
      providers: [
        provideRouter([]),
        { provide: HelpdeskAccessStore, useValue: { requests } },
        { provide: NewslettersStore, useValue: { mine } },
        { provide: SecurityStore, useValue: { load, overview } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(SubscriberHomeComponent);
    await fixture.whenStable();
    fixture.detectChanges();
    return Object.assign(fixture.nativeElement as HTMLElement, { fixture });
  }
  const card = (element: HTMLElement, testId: string) =>
    element.querySelector(`[data-testid=${testId}]`)?.textContent ?? '';

  it('puts a pending request with its countdown and a running grant first, each leading to its page', async () => {
    requests.mockResolvedValue([grant('pending', 5), grant('active', 30), grant('closed', 0)]);
    mine.mockResolvedValue([
      { id: 'l1', name: 'Product news', status: 'confirmed' } as NewsletterListView,
      { id: 'l2', name: 'Webinars', status: 'pending' } as NewsletterListView,
    ]);
    const element = await render();
    expect(card(element, 'home-helpdesk')).toMatch(/Agent Smith asks — decide within [45]:\d\d/);
    expect(card(element, 'home-helpdesk')).toMatch(/Agent Smith has access, (29|30):\d\d left/);
    expect(element.querySelector('[data-testid=home-helpdesk-link]')?.getAttribute('href')).toBe(
      '/account/helpdesk-access',
    );
    expect(card(element, 'home-two-factor')).toContain('Off.');
    expect(card(element, 'home-newsletters')).toContain('Product news');
    expect(card(element, 'home-newsletters')).toContain('Awaiting: Webinars');
  });

  it('says so when nothing waits', async () => {
    requests.mockResolvedValue([]);
    mine.mockResolvedValue([]);
    const element = await render();
    expect(card(element, 'home-helpdesk')).toContain('No open requests.');
    expect(card(element, 'home-newsletters')).toContain('None.');
  });

  it('never reads a failed load as "nothing there": it says it failed and offers a retry', async () => {
    requests.mockRejectedValue(new Error('503'));
    mine.mockResolvedValue([]);
    const element = await render();
    expect(card(element, 'home-helpdesk')).toContain('This could not be loaded.');
    expect(card(element, 'home-helpdesk')).not.toContain('No open requests.');
    requests.mockResolvedValue([grant('pending', 5)]);
    (element.querySelector('[data-testid=home-helpdesk] button') as HTMLButtonElement).click();
    await element.fixture.whenStable();
    element.fixture.detectChanges();
    expect(card(element, 'home-helpdesk')).toMatch(/Agent Smith asks — decide within/);
  });
});
