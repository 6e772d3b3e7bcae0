import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { PlanView, SubscriptionView } from '@mijn-account/shared-contracts';
import { FinanceAccountsStore, LanguageService, PlansStore, SessionStore, TenantStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { FinanceAccountPageComponent } from './finance-account-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  finance: {
    accounts: {
      prorationEffect: '{{ rest }}/{{ days }} days: credit {{ credit }}, debit {{ debit }}',
    },
  },
};

const PLAN: PlanView = {
  id: 'p-1',
  nameNl: 'Basis',
  nameEn: 'Basic',
  descriptionNl: '',
  descriptionEn: '',
  priceMinor: 3000,
  currency: 'EUR',
  interval: 'month',
  taxCategory: 'high',
  archived: false,
  prices: [],
  subscriptions: 1,
};

const SUB: SubscriptionView = {
  id: 's-1',
  accountId: 'a-1',
  planId: 'p-1',
  planName: { nl: 'Basis', en: 'Basic' },
  quantity: 1,
  startDate: '2026-11-01',
  billingAnchor: '2026-11-01',
  status: 'active',
  cancelAtPeriodEnd: false,
  endDate: null,
  currency: 'EUR',
  interval: 'month',
  unitPriceMinor: 3000,
  nextInvoiceDate: '2026-12-01',
  estimatedAmountMinor: 3000,
};

// The first render compiles the page's Material components: slow on a busy machine.
jest.setTimeout(30_000);

describe('FinanceAccountPageComponent', () => {
  let store: Record<string, jest.Mock>;
  let confirm: jest.Mock;

  beforeEach(() => {
    store = {
      account: jest.fn().mockResolvedValue({
        id: 'a-1',
        customerNumber: 'CM-1',
        name: 'Acme',
        billing: {
          companyName: 'Acme B.V.',
          cocNumber: null,
          vatId: null,
          vatCheck: null,
          billingEmail: null,
          address: null,
        },
      }),
      subscriptions: jest.fn().mockResolvedValue([SUB]),
      invoices: jest.fn().mockResolvedValue([]),
      subscription: jest.fn().mockResolvedValue({ value: SUB, etag: '"v4"' }),
      updateSubscription: jest.fn().mockResolvedValue(SUB),
      createSubscription: jest.fn().mockResolvedValue(SUB),
    };
    confirm = jest.fn().mockResolvedValue(true);
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        provideRouter([]),
        { provide: FinanceAccountsStore, useValue: store },
        { provide: PlansStore, useValue: { plans: signal([PLAN]), load: jest.fn().mockResolvedValue([PLAN]) } },
        { provide: ConfirmDialog, useValue: { confirm } },
        { provide: LanguageService, useValue: { language: signal('en') } },
        { provide: TenantStore, useValue: { tenant: signal({ currency: 'EUR' }), today: () => '2026-11-20' } },
        {
          provide: SessionStore,
          useValue: { me: signal({ user: { kind: 'staff', timeZone: null }, staffRoles: ['finance'] }) },
        },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(FinanceAccountPageComponent);
    fixture.componentRef.setInput('accountId', 'a-1');
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const type = async (testId: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle(fixture);
    };
    const click = async (testId: string) => {
      el.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
      await settle(fixture);
    };
    return { el, type, click };
  }

  it('says the customer has no invoice address, and that the visit is logged', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid="billing-address"]')?.textContent).toContain('finance.accounts.noAddress');
    expect(el.textContent).toContain('finance.accounts.logged');
  });

  it('shows what is still due on a partly paid invoice, what was overpaid, and the customer’s credit', async () => {
    const invoice = {
      id: 'i-1',
      number: 'CM-2026-000003',
      status: 'paid',
      issueDate: '2026-11-30',
      dueDate: '2026-12-14',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      currency: 'EUR',
      netMinor: 11400,
      taxMinor: 2394,
      grossMinor: 13794,
      outstandingMinor: 0,
      overpaidMinor: 281,
      statusReason: null,
      failure: null,
    };
    store['invoices'].mockResolvedValue([
      invoice,
      { ...invoice, id: 'i-2', number: 'CM-2026-000004', status: 'open', outstandingMinor: 2924, overpaidMinor: 0 },
    ]);
    const { el } = await render();
    const rows = el.querySelectorAll('[data-testid="customer-invoices"] li');
    expect(rows[0].querySelector('[data-testid="customer-invoice-overpaid"]')).not.toBeNull();
    expect(rows[0].querySelector('[data-testid="customer-invoice-due"]')).toBeNull();
    expect(rows[1].querySelector('[data-testid="customer-invoice-due"]')).not.toBeNull();
    expect(el.querySelectorAll('[data-testid="customer-credit"]')).toHaveLength(1);
  });

  it('writes the invoice address without gaps where a part is missing', async () => {
    store['account'].mockResolvedValue({
      id: 'a-1',
      customerNumber: 'CT-1',
      name: 'Maple',
      billing: {
        companyName: null,
        cocNumber: null,
        vatId: null,
        vatCheck: null,
        billingEmail: null,
        address: {
          street: '1200 Bay Street',
          houseNumber: null,
          houseNumberAddition: null,
          postalCode: 'M5R 2A5',
          city: 'Toronto',
          region: 'ON',
          country: 'CA',
        },
      },
    });
    const { el } = await render();
    expect(el.querySelector('[data-testid="billing-address"]')?.textContent?.trim()).toBe(
      '1200 Bay Street, M5R 2A5 Toronto ON, Canada',
    );
  });

  it('explains the proration of a quantity change before saving, and saves it on the version read', async () => {
    const { el, type, click } = await render();
    await click('change-Basic');
    await type('change-date', '2026-11-15');
    await type('change-quantity', '3');
    // 16 of 30 days remain: 30.00 × 16/30 = 16.00 credited, × 3 = 48.00 charged.
    expect(el.querySelector('[data-testid="proration-effect"]')?.textContent).toMatch(
      /16\/30 days: credit .*16\.00.*debit .*48\.00/,
    );
    await click('save-change');
    expect(store['updateSubscription']).toHaveBeenCalledWith(
      's-1',
      { planId: 'p-1', quantity: 3, cancelAtPeriodEnd: false, effectiveDate: '2026-11-15' },
      '"v4"',
    );
  });

  it('creates a subscription with plan, quantity and start date; refuses quantity 0 at the field', async () => {
    const { type, click } = await render();
    await type('new-subscription-quantity', '0');
    await click('create-subscription');
    expect(store['createSubscription']).not.toHaveBeenCalled();
  });

  it('asks before cancelling at period end, naming plan and customer', async () => {
    const { click } = await render();
    await click('cancel-Basic');
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ params: { plan: 'Basic', customer: 'Acme' } }));
    expect(store['updateSubscription']).toHaveBeenCalledWith(
      's-1',
      { planId: 'p-1', quantity: 1, cancelAtPeriodEnd: true },
      '"v4"',
    );
  });
});
