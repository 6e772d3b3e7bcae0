import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { PROBLEM_TYPES, type PlanView } from '@mijn-account/shared-contracts';
import { InvoicingSettingsStore, LanguageService, PlansStore, SessionStore, TenantStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { PlansPageComponent, moneyValidator } from './plans-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  fieldErrors: { unknownTaxCategory: 'Not one of the tax categories' },
  finance: { plans: { fractionalCents: 'At most two decimals', priceFormat: 'An amount such as 29.95' } },
};

const BASIC: PlanView = {
  id: 'p-1',
  nameNl: 'Basis',
  nameEn: 'Basic',
  descriptionNl: '',
  descriptionEn: '',
  priceMinor: 2995,
  currency: 'EUR',
  interval: 'month',
  taxCategory: 'high',
  archived: false,
  prices: [{ effectiveFrom: '2000-01-01', priceMinor: 2995 }],
  subscriptions: 2,
};

// The first render compiles the page's Material components: slow on a busy machine.
jest.setTimeout(30_000);

describe('moneyValidator', () => {
  const check = (value: string, currency = 'EUR') =>
    moneyValidator(
      () => currency,
      () => 'nl',
    )({ value } as never);
  it('takes whole cents, refuses a fraction of a cent and what is no amount', () => {
    expect(check('29,95')).toBeNull();
    expect(check('29,955')).toEqual({ fraction: true });
    // In Dutch a dot followed by three digits groups thousands: 29.955 is twenty-nine thousand.
    expect(check('29.955')).toBeNull();
    expect(check('29,9551')).toEqual({ fraction: true });
    expect(check('1,5', 'JPY')).toEqual({ fraction: true });
    expect(check('abc')).toEqual({ amount: true });
    expect(check('-5')).toEqual({ amount: true });
    expect(check('')).toBeNull();
  });
});

describe('PlansPageComponent', () => {
  let create: jest.Mock;
  let archive: jest.Mock;
  let remove: jest.Mock;
  let confirm: jest.Mock;
  const plans = signal<PlanView[]>([]);

  beforeEach(() => {
    plans.set([BASIC, { ...BASIC, id: 'p-2', nameEn: 'Unused', subscriptions: 0 }]);
    create = jest.fn().mockResolvedValue(BASIC);
    archive = jest.fn().mockResolvedValue(undefined);
    remove = jest.fn().mockResolvedValue(undefined);
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
        {
          provide: PlansStore,
          useValue: { plans, load: jest.fn().mockResolvedValue([]), create, archive, remove, changePrice: jest.fn() },
        },
        {
          provide: InvoicingSettingsStore,
          useValue: {
            load: jest.fn().mockResolvedValue({
              value: {
                taxCategories: [
                  { code: 'high', category: 'S', rateBasisPoints: 2100, textNl: 'Btw hoog', textEn: 'VAT' },
                ],
              },
              etag: '"v1"',
            }),
          },
        },
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
    const fixture = TestBed.createComponent(PlansPageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const type = (name: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${name}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const click = async (testId: string) => {
      el.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
      await settle(fixture);
    };
    return { fixture, el, type, click };
  }

  it('lists the active plans; archive for every one, delete only for a plan nobody has', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid="archive-Basic"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="delete-Basic"]')).toBeNull();
    expect(el.querySelector('[data-testid="delete-Unused"]')).not.toBeNull();
  });

  it('sends the price as whole cents with the tenant’s currency and the only tax category', async () => {
    const { type, click } = await render();
    type('plan-name-nl', 'Zakelijk');
    type('plan-name-en', 'Business');
    type('plan-price', '1.234,50');
    await click('create-plan');
    expect(create).toHaveBeenCalledWith({
      nameNl: 'Zakelijk',
      nameEn: 'Business',
      descriptionNl: '',
      descriptionEn: '',
      priceMinor: 123450,
      currency: 'EUR',
      interval: 'month',
      taxCategory: 'high',
    });
  });

  it('refuses a fraction of a cent at the field, sending nothing', async () => {
    const { el, type, click } = await render();
    type('plan-name-nl', 'Zakelijk');
    type('plan-name-en', 'Business');
    type('plan-price', '12.345');
    await click('create-plan');
    expect(create).not.toHaveBeenCalled();
    const field = el.querySelector('[data-testid="plan-price"]')?.closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe('At most two decimals');
  });

  it('shows the server’s field error at its field', async () => {
    create.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          status: 422,
          title: 'Invalid',
          errors: [{ field: 'taxCategory', code: 'unknownTaxCategory', message: 'x' }],
        },
      }),
    );
    const { el, type, click } = await render();
    type('plan-name-nl', 'Zakelijk');
    type('plan-name-en', 'Business');
    type('plan-price', '10');
    await click('create-plan');
    const field = el.querySelector('[data-testid="plan-tax"]')?.closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe('Not one of the tax categories');
  });

  it('asks before archiving or deleting, naming the plan, and does nothing when cancelled', async () => {
    const { click } = await render();
    confirm.mockResolvedValueOnce(false);
    await click('archive-Basic');
    expect(archive).not.toHaveBeenCalled();
    expect(confirm).toHaveBeenLastCalledWith(expect.objectContaining({ params: { name: 'Basic', count: 2 } }));
    await click('delete-Unused');
    expect(confirm).toHaveBeenLastCalledWith(expect.objectContaining({ params: { name: 'Unused' }, danger: true }));
    expect(remove).toHaveBeenCalledWith('p-2');
  });
});
