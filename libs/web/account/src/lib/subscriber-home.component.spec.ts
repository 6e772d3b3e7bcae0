import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import {
  type AccessGrantView,
  type MyInvoiceView,
  type NewsletterListView,
  PROBLEM_TYPES,
  type SecurityOverview,
  type SubscriptionView,
} from '@mijn-account/shared-contracts';
import {
  AccountDetailsStore,
  HelpdeskAccessStore,
  LanguageService,
  MyFinanceStore,
  NewslettersStore,
  SecurityStore,
  SessionStore,
} from '@mijn-account/web-core';
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
  subscription: {
    title: 'My subscription',
    home: {
      subscriptionOpen: 'Go',
      subscriptionNone: 'No subscription.',
      subscriptionLine: '{{ plan }}: next invoice {{ date }}',
      subscriptionEnds: '{{ plan }}: ends on {{ date }}',
    },
  },
  myInvoices: {
    title: 'My invoices',
    home: {
      invoicesOpen: 'Go',
      invoicesNone: 'No invoices yet.',
      invoicesForbidden: 'Only the owners see the invoices.',
      overdue: '{{ number }} of {{ amount }} was due on {{ date }}',
      open: '{{ number }} of {{ amount }}, due {{ date }}',
      allPaid: 'Nothing to pay.',
      needsAddress: 'No invoice address yet.',
      addAddress: 'Add it',
      askOwnerAddress: 'Ask an owner.',
    },
  },
};

const invoice = (number: string, overdue: boolean, status: MyInvoiceView['status'] = 'open'): MyInvoiceView =>
  ({
    id: number,
    kind: 'invoice',
    number,
    status,
    dueDate: overdue ? '2026-10-15' : '2026-12-15',
    overdue,
    grossMinor: 3630,
    outstandingMinor: 3630,
    currency: 'EUR',
  }) as MyInvoiceView;

/** A running Basic subscription whose next invoice is on 1 December. */
const basicSubscription = {
  id: 's1',
  status: 'active',
  planName: { nl: 'Basis', en: 'Basic' },
  nextInvoiceDate: '2026-12-01',
  endDate: null,
} as SubscriptionView;

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
  const subscriptions = jest.fn<Promise<SubscriptionView[]>, []>();
  const invoices = jest.fn<Promise<MyInvoiceView[]>, []>();
  const loadBilling = jest.fn();
  const me = signal<{ user: { timeZone: null }; account: { role: string } } | null>(null);

  beforeEach(() => {
    loadBilling.mockReset().mockResolvedValue({ value: { address: { street: 'Lange Nieuwstraat' } }, etag: '"1"' });
    me.set({ user: { timeZone: null }, account: { role: 'owner' } });
    requests.mockReset();
    mine.mockReset();
    subscriptions.mockReset().mockResolvedValue([]);
    invoices.mockReset().mockResolvedValue([]);
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
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LanguageService, useValue: { language: signal('en') } },
        { provide: MyFinanceStore, useValue: { subscriptions, invoices } },
        { provide: HelpdeskAccessStore, useValue: { requests } },
        { provide: NewslettersStore, useValue: { mine } },
        { provide: SecurityStore, useValue: { load, overview } },
        { provide: AccountDetailsStore, useValue: { loadBilling } },
        { provide: SessionStore, useValue: { me } },
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

  it('shows the subscription’s next invoice and the open invoices, the overdue first and marked', async () => {
    requests.mockResolvedValue([]);
    mine.mockResolvedValue([]);
    subscriptions.mockResolvedValue([basicSubscription]);
    invoices.mockResolvedValue([invoice('CM-2', false), invoice('CM-1', true), invoice('CM-0', false, 'paid')]);
    const element = await render();
    expect(card(element, 'home-subscription')).toContain('Basic: next invoice 1\u00a0December\u00a02026');
    const lines = [...element.querySelectorAll('[data-testid=home-invoices] li')].map((li) => li.textContent?.trim());
    expect(lines).toEqual([
      'CM-1 of €36.30 was due on 15\u00a0October\u00a02026',
      'CM-2 of €36.30, due 15\u00a0December\u00a02026',
    ]);
    expect(element.querySelector('[data-testid=home-invoices-link]')?.getAttribute('href')).toBe('/account/invoices');
  });

  it('tells a member whose owner keeps the invoices to the owners, rather than that loading failed', async () => {
    requests.mockResolvedValue([]);
    mine.mockResolvedValue([]);
    invoices.mockRejectedValue(
      new HttpErrorResponse({ status: 403, error: { type: PROBLEM_TYPES.forbidden, status: 403, title: 'Forbidden' } }),
    );
    const element = await render();
    expect(card(element, 'home-invoices')).toContain('Only the owners see the invoices.');
    expect(card(element, 'home-invoices')).not.toContain('This could not be loaded.');
    expect(card(element, 'home-subscription')).toContain('No subscription.');
  });

  it('asks for the invoice address a running subscription cannot be invoiced without — the owner with a link, a member to ask', async () => {
    requests.mockResolvedValue([]);
    mine.mockResolvedValue([]);
    subscriptions.mockResolvedValue([basicSubscription]);
    expect(card(await render(), 'home-invoices')).not.toContain('No invoice address yet.');

    loadBilling.mockResolvedValue({ value: { address: null }, etag: '"1"' });
    const owner = await render();
    expect(card(owner, 'home-invoices')).toContain('No invoice address yet.');
    expect(owner.querySelector('[data-testid=home-needs-address] a')?.getAttribute('href')).toBe('/account/billing');

    me.set({ user: { timeZone: null }, account: { role: 'member' } });
    const member = await render();
    expect(card(member, 'home-invoices')).toContain('Ask an owner.');
    expect(member.querySelector('[data-testid=home-needs-address] a')).toBeNull();
  });
});
