import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { type BillingDetails, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { AccountDetailsStore, SessionStore } from '@mijn-account/web-core';
import { addressLines } from './billing-details';
import { BillingPageComponent } from './billing-page.component';
import { keysOnlyTransloco, settle } from '@mijn-account/web-testing';

const BILLING: BillingDetails = {
  companyName: 'Bakkerij De Vries',
  cocNumber: '12345678',
  vatId: null,
  billingEmail: 'factuur@example.com',
  vatCheck: null,
  address: {
    street: 'Dorpsstraat',
    houseNumber: '1',
    houseNumberAddition: 'A',
    postalCode: '1234 AB',
    city: 'Utrecht',
    country: 'NL',
  },
} as BillingDetails;
const NOTHING: BillingDetails = {
  companyName: null,
  cocNumber: null,
  vatId: null,
  billingEmail: null,
  vatCheck: null,
  address: null,
} as BillingDetails;

describe('BillingPageComponent', () => {
  let loadBilling: jest.Mock;

  function setUp(role: 'owner' | 'member') {
    loadBilling = jest.fn().mockResolvedValue({ value: BILLING, etag: '"1"' });
    TestBed.configureTestingModule({
      imports: [keysOnlyTransloco()],
      providers: [
        provideNoopAnimations(),
        {
          provide: AccountDetailsStore,
          useValue: { loadBilling, billingHistory: jest.fn().mockResolvedValue([]) },
        },
        {
          provide: SessionStore,
          useValue: { me: signal({ account: { role } }), ensureLoaded: jest.fn().mockResolvedValue(null) },
        },
      ],
    });
  }

  async function render() {
    const fixture = TestBed.createComponent(BillingPageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return { fixture, el, text };
  }

  it('reads as on an invoice: the fields by their country’s names, the address as on an envelope', async () => {
    setUp('owner');
    const { el, text } = await render();
    const terms = [...el.querySelectorAll('dt')].map((dt) => dt.textContent?.trim());
    // A Dutch address: the registration is the KvK number; the empty VAT number is left out.
    expect(terms).toEqual(['fields.companyName', 'billing.registration.kvk', 'fields.billingEmail']);
    expect([...el.querySelectorAll('address span')].map((line) => line.textContent?.trim())).toEqual([
      'Dorpsstraat 1 A',
      '1234 AB Utrecht',
      'Netherlands',
    ]);
    expect(text('[data-testid=billing-edit]')).toBe('billing.edit');
    expect(el.querySelector('form')).toBeNull();
    expect(text('p')).not.toBe('billing.readOnly');
  });

  it('an owner opens the form, and cancelling returns to the summary with focus on the button', async () => {
    setUp('owner');
    const { fixture, el } = await render();
    el.querySelector<HTMLButtonElement>('[data-testid=billing-edit]')?.click();
    await settle(fixture);
    expect(el.querySelector('ma-billing-form form')).not.toBeNull();
    expect(el.querySelector('[data-testid=billing-summary]')).toBeNull();
    expect(document.activeElement?.classList.contains('editor')).toBe(true);
    const cancel = [...el.querySelectorAll<HTMLButtonElement>('ma-billing-form button')].find(
      (button) => button.textContent?.trim() === 'billing.cancel',
    );
    cancel?.click();
    await settle(fixture);
    expect(el.querySelector('ma-billing-form')).toBeNull();
    expect(el.querySelector('[data-testid=billing-summary]')).not.toBeNull();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('billing-edit');
    // Opened again, the form loads the details again (their newest version and ETag): the page's load, and one per opening.
    el.querySelector<HTMLButtonElement>('[data-testid=billing-edit]')?.click();
    await settle(fixture);
    expect(loadBilling).toHaveBeenCalledTimes(3);
  });

  it('a member reads the details and gets no button to change them', async () => {
    setUp('member');
    const { el, text } = await render();
    expect(text('p')).toBe('billing.readOnly');
    expect(el.querySelectorAll('dt')).toHaveLength(3);
    expect(el.querySelector('[data-testid=billing-edit]')).toBeNull();
  });

  it('nothing filled in: an empty state, and the owner’s button adds', async () => {
    setUp('owner');
    loadBilling.mockResolvedValue({ value: NOTHING, etag: '"1"' });
    const { el, text } = await render();
    expect(el.querySelector('[data-testid=billing-empty]')).not.toBeNull();
    expect(el.querySelector('dl')).toBeNull();
    expect(text('[data-testid=billing-edit]')).toBe('billing.add');
  });

  it('a failed load says so, with a retry, and offers no button to change what it could not read', async () => {
    setUp('owner');
    loadBilling.mockRejectedValue(
      new HttpErrorResponse({ status: 503, error: { type: PROBLEM_TYPES.unavailable, title: 'x', status: 503 } }),
    );
    const { el } = await render();
    expect(el.querySelector('[data-testid=billing-failed]')).not.toBeNull();
    expect(el.querySelector('[data-testid=billing-edit]')).toBeNull();
  });
});

describe('addressLines', () => {
  it('writes the city first, then the province and postal code, in North America', () => {
    expect(
      addressLines(
        {
          street: '150 Elgin Street',
          houseNumber: null,
          houseNumberAddition: null,
          postalCode: 'K2P 1L4',
          city: 'Ottawa',
          region: 'ON',
          country: 'CA',
        },
        'Canada',
      ),
    ).toEqual(['150 Elgin Street', 'Ottawa ON K2P 1L4', 'Canada']);
  });
});
