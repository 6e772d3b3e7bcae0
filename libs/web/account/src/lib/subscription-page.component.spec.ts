import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { MySubscriptionOptions, SubscriptionView } from '@mijn-account/shared-contracts';
import { LanguageService, MyFinanceStore, SessionStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { SubscriptionPageComponent } from './subscription-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  subscription: {
    none: 'No subscription',
    cancel: 'Cancel at period end',
    resume: 'Keep my subscription',
    change: 'Change plan or quantity',
    changeSubmit: 'Change',
    changeNotAllowed: 'Contact the customer service.',
    readOnly: 'An owner can cancel it; for another plan they contact customer service.',
    readOnlyMayChange: 'An owner can cancel or change it.',
    statuses: { active: 'active', cancelling: 'ends at period end', future: 'later', ended: 'ended' },
    perInterval: { month: '{{ price }} per month', year: '{{ price }} per year' },
    nextInvoiceOn: '{{ date }}, about {{ amount }}',
    confirmCancel: { title: 'Cancel {{ plan }}?', message: 'Ends at period end.' },
  },
};

const subscription: SubscriptionView = {
  id: 's-1',
  accountId: 'a-1',
  planId: 'p-1',
  planName: { nl: 'Basis', en: 'Basic' },
  quantity: 2,
  startDate: '2026-10-01',
  billingAnchor: '2026-10-01',
  status: 'active',
  cancelAtPeriodEnd: false,
  endDate: null,
  currency: 'EUR',
  interval: 'month',
  unitPriceMinor: 3000,
  nextInvoiceDate: '2026-12-01',
  estimatedAmountMinor: 6000,
};

describe('SubscriptionPageComponent', () => {
  const me = signal<unknown>(null);
  let store: { subscriptions: jest.Mock; options: jest.Mock; setCancel: jest.Mock; change: jest.Mock };
  let confirmation: { confirm: jest.Mock };
  const closed: MySubscriptionOptions = { mayChangePlan: false, plans: [] };

  beforeEach(() => {
    me.set({ account: { role: 'owner' }, user: {} });
    store = {
      subscriptions: jest.fn().mockResolvedValue([subscription]),
      options: jest.fn().mockResolvedValue(closed),
      setCancel: jest.fn().mockResolvedValue({ ...subscription, cancelAtPeriodEnd: true }),
      change: jest.fn().mockResolvedValue(subscription),
    };
    confirmation = { confirm: jest.fn().mockResolvedValue(true) };
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LanguageService, useValue: { language: signal('en') } },
        { provide: MyFinanceStore, useValue: store },
        { provide: ConfirmDialog, useValue: confirmation },
        { provide: SessionStore, useValue: { me, ensureLoaded: jest.fn().mockResolvedValue(null) } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(SubscriptionPageComponent);
    await settle(fixture);
    return Object.assign(fixture.nativeElement as HTMLElement, { fixture });
  }
  const text = (el: HTMLElement, testId: string) => el.querySelector(`[data-testid=${testId}]`)?.textContent ?? '';

  it('shows plan, price for the quantity, and the next invoice date and estimate in the locale', async () => {
    const el = await render();
    expect(el.querySelector('h2')?.textContent).toBe('Basic');
    expect(text(el, 'subscription-price')).toContain('€60.00 per month');
    expect(text(el, 'subscription-next')).toContain('1\u00a0December\u00a02026, about €60.00');
    expect(text(el, 'subscription-status')).toContain('active');
    expect(el.querySelector('[data-testid=subscription-change]')).toBeNull();
    expect(el.textContent).toContain('Contact the customer service.');
  });

  it('tells a member that an owner changes the plan through customer service where subscribers may not', async () => {
    me.set({ account: { role: 'member' }, user: {} });
    const el = await render();
    expect(text(el, 'subscription-read-only')).toContain('for another plan they contact customer service');
  });

  it('tells a member that an owner can change the plan where subscribers may', async () => {
    me.set({ account: { role: 'member' }, user: {} });
    store.options.mockResolvedValue({ mayChangePlan: true, plans: [] });
    const el = await render();
    expect(text(el, 'subscription-read-only')).toContain('An owner can cancel or change it.');
  });

  it('cancels at period end only after the owner confirms, naming the plan', async () => {
    const el = await render();
    confirmation.confirm.mockResolvedValueOnce(false);
    (el.querySelector('[data-testid=subscription-cancel]') as HTMLButtonElement).click();
    await settle(el.fixture);
    expect(store.setCancel).not.toHaveBeenCalled();
    store.subscriptions.mockResolvedValue([{ ...subscription, cancelAtPeriodEnd: true, status: 'cancelling' }]);
    (el.querySelector('[data-testid=subscription-cancel]') as HTMLButtonElement).click();
    await settle(el.fixture);
    expect(confirmation.confirm).toHaveBeenLastCalledWith(expect.objectContaining({ params: { plan: 'Basic' } }));
    expect(store.setCancel).toHaveBeenCalledWith('s-1', true);
    expect(el.querySelector('[data-testid=subscription-resume]')).not.toBeNull();
  });

  it('offers the plan change where the tenant allows it, with plans of the same terms', async () => {
    store.options.mockResolvedValue({
      mayChangePlan: true,
      plans: [
        { id: 'p-1', name: { nl: 'Basis', en: 'Basic' }, currency: 'EUR', interval: 'month', priceMinor: 3000 },
        { id: 'p-2', name: { nl: 'Groot', en: 'Large' }, currency: 'EUR', interval: 'month', priceMinor: 6000 },
        { id: 'p-3', name: { nl: 'Jaar', en: 'Yearly' }, currency: 'EUR', interval: 'year', priceMinor: 30000 },
      ],
    });
    const el = await render();
    expect(el.querySelector('[data-testid=subscription-change]')).not.toBeNull();
    (el.querySelector('[data-testid=subscription-change-submit]') as HTMLButtonElement).click();
    await settle(el.fixture);
    expect(store.change).toHaveBeenCalledWith('s-1', { planId: 'p-1', quantity: 2 });
  });

  it('lets a member read without the owner’s buttons', async () => {
    me.set({ account: { role: 'member' }, user: {} });
    const el = await render();
    expect(text(el, 'subscription-read-only')).toContain('An owner can cancel it');
    expect(el.querySelector('[data-testid=subscription-cancel]')).toBeNull();
  });

  it('shows an empty state without a subscription', async () => {
    store.subscriptions.mockResolvedValue([]);
    const el = await render();
    expect(text(el, 'subscription-empty')).toContain('No subscription');
  });
});
