import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type InvoicingSettingsView, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { InvoicingSettingsStore, LanguageService, SessionStore } from '@mijn-account/web-core';
import { InvoicingSettingsPageComponent } from './invoicing-settings-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  fieldErrors: {
    isIban: 'Not a valid IBAN',
    frozen: 'Fixed for this year',
    isTransitNumber: 'The transit number has 5 digits.',
    isEmail: 'Enter a valid e-mail address.',
  },
  admin: {
    invoicing: {
      prefixFrozen: 'Fixed for this year ({{ example }})',
      prefixHint: 'Numbers read {{ example }}',
      addressIncomplete: 'Fill in street, city and country together',
    },
  },
};

const EMPTY: InvoicingSettingsView = {
  legalName: null,
  address: null,
  vatId: null,
  cocNumber: null,
  iban: null,
  bic: null,
  bankAccount: null,
  invoiceEmail: null,
  numberPrefix: null,
  paymentTermDays: 14,
  reviewWindowHours: 24,
  footerNl: '',
  footerEn: '',
  timeZone: 'Europe/Amsterdam',
  taxCategories: [],
  missing: ['legalName', 'address', 'vatId', 'cocNumber', 'iban', 'numberPrefix', 'taxCategories'],
  numberPrefixFrozen: false,
};

// The first render compiles the page's Material components: slow on a busy machine.
jest.setTimeout(30_000);

describe('InvoicingSettingsPageComponent', () => {
  let save: jest.Mock;
  let load: jest.Mock;

  beforeEach(() => {
    save = jest.fn();
    load = jest.fn().mockResolvedValue({ value: EMPTY, etag: '"v1"' });
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
        { provide: InvoicingSettingsStore, useValue: { load, save } },
        { provide: LanguageService, useValue: { language: signal('en') } },
        { provide: SessionStore, useValue: { me: signal({ user: { kind: 'staff' } }), refresh: jest.fn() } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(InvoicingSettingsPageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const input = (name: string, root: ParentNode = el) =>
      root.querySelector<HTMLInputElement>(`[formcontrolname="${name}"]`) as HTMLInputElement;
    const type = (name: string, value: string, root: ParentNode = el) => {
      input(name, root).value = value;
      input(name, root).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await settle(fixture);
    };
    return { fixture, el, input, type, submit };
  }

  it('shows what invoicing still needs as a checklist', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid="check-legalName"]')?.classList).toContain('todo');
    expect(el.querySelectorAll('.checklist li.todo')).toHaveLength(7);
  });

  it('sends the form as the API takes it: rates in basis points, the prefix in capitals, an empty address as null', async () => {
    save.mockResolvedValue({ value: { ...EMPTY, missing: ['address'] }, etag: '"v2"' });
    const { el, type, fixture, submit } = await render();
    type('legalName', '  Contact Monkey B.V. ');
    type('numberPrefix', 'cm');
    type('iban', 'NL91ABNA0417164300');
    (el.querySelector('[data-testid="add-category"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    const row = el.querySelector('[data-testid="tax-category-0"]') as HTMLElement;
    type('code', 'low', row);
    type('rateBasisPoints', '9,5', row);
    type('textNl', 'Btw laag', row);
    type('textEn', 'VAT reduced', row);
    await submit();
    expect(save).toHaveBeenCalledTimes(1);
    const [body, etag] = save.mock.calls[0];
    expect(etag).toBe('"v1"');
    expect(body).toMatchObject({
      legalName: 'Contact Monkey B.V.',
      address: null,
      numberPrefix: 'CM',
      iban: 'NL91ABNA0417164300',
      taxCategories: [{ code: 'low', category: 'S', rateBasisPoints: 950, textNl: 'Btw laag', textEn: 'VAT reduced' }],
    });
    expect(el.querySelectorAll('.checklist li.todo')).toHaveLength(1);
  });

  it('stops at the field when a rate has more than two decimals or the address is half filled in', async () => {
    const { el, type, fixture, submit } = await render();
    (el.querySelector('[data-testid="add-category"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    const row = el.querySelector('[data-testid="tax-category-0"]') as HTMLElement;
    type('code', 'x', row);
    type('rateBasisPoints', '9.125', row);
    type('textNl', 'a', row);
    type('textEn', 'b', row);
    type('streetLine', 'Dam 1');
    await submit();
    expect(save).not.toHaveBeenCalled();
    expect(el.textContent).toContain('Fill in street, city and country together');
    expect(el.querySelector('[data-testid="tax-category-0"] mat-error')).not.toBeNull();
  });

  it('shows the server’s field errors at their field, in the user’s language', async () => {
    save.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          status: 422,
          title: 'Invalid',
          errors: [{ field: 'iban', code: 'isIban', message: 'Not a valid IBAN (country, length or check digits)' }],
        },
      }),
    );
    const { el, type, submit } = await render();
    type('iban', 'NL00');
    await submit();
    const field = el.querySelector('[data-testid="iban"]')?.closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe('Not a valid IBAN');
  });

  it('asks a Canadian supplier for its bank account (institution, transit, account) instead of an IBAN', async () => {
    const canadian = {
      ...EMPTY,
      legalName: 'ContactMonkey Inc.',
      address: { streetLine: '120 Adelaide St W', postalCode: 'M5H 1T1', city: 'Toronto', region: 'ON', country: 'CA' },
      iban: 'GB15MIDL40051512345678',
      missing: ['bankAccount'],
    };
    load.mockResolvedValue({ value: canadian, etag: '"v3"' });
    save.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          status: 422,
          title: 'Invalid',
          errors: [
            { field: 'bankAccount.transitNumber', code: 'isTransitNumber', message: 'The 5-digit transit number' },
          ],
        },
      }),
    );
    const { el, type, submit } = await render();
    expect(el.querySelector('[data-testid="iban"]')).toBeNull();
    expect(el.querySelector('[data-testid="check-iban"]')).toBeNull();
    expect(el.querySelector('[data-testid="check-bankAccount"]')?.classList).toContain('todo');
    type('bankName', ' Royal Bank of Canada ');
    type('institutionNumber', '003');
    type('transitNumber', '1234');
    type('accountNumber', '1234567');
    await submit();
    expect(save.mock.calls[0][0]).toMatchObject({
      iban: null,
      bic: null,
      bankAccount: {
        bankName: 'Royal Bank of Canada',
        institutionNumber: '003',
        transitNumber: '1234',
        accountNumber: '1234567',
      },
    });
    const field = el.querySelector('[data-testid="transitNumber"]')?.closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe('The transit number has 5 digits.');
  });

  it('asks a Canadian supplier for its invoice e-mail (the checklist names it), checked as an e-mail address before sending', async () => {
    load.mockResolvedValue({
      value: {
        ...EMPTY,
        address: {
          streetLine: '120 Adelaide St W',
          postalCode: 'M5H 1T1',
          city: 'Toronto',
          region: 'ON',
          country: 'CA',
        },
        missing: ['invoiceEmail'],
      },
      etag: '"v3"',
    });
    save.mockResolvedValue({ value: { ...EMPTY, missing: [] }, etag: '"v4"' });
    const { el, type, submit } = await render();
    expect(el.querySelector('[data-testid="check-invoiceEmail"]')?.classList).toContain('todo');
    type('invoiceEmail', 'billing at contactmonkey');
    await submit();
    expect(save).not.toHaveBeenCalled();
    const field = el.querySelector('[data-testid="invoiceEmail"]')?.closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe('Enter a valid e-mail address.');
    type('invoiceEmail', ' billing@contactmonkey.example ');
    await submit();
    expect(save.mock.calls[0][0]).toMatchObject({ invoiceEmail: 'billing@contactmonkey.example' });
  });

  it('leaves the invoice e-mail off the checklist where the KvK number is the electronic address', async () => {
    load.mockResolvedValue({
      value: {
        ...EMPTY,
        address: {
          streetLine: 'Keizersgracht 1',
          postalCode: '1015 CJ',
          city: 'Amsterdam',
          region: null,
          country: 'NL',
        },
        missing: [],
      },
      etag: '"v3"',
    });
    const { el } = await render();
    expect(el.querySelector('[data-testid="invoiceEmail"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="check-invoiceEmail"]')).toBeNull();
  });

  it('asks a supplier elsewhere outside SEPA for a bank name and account identifier only', async () => {
    load.mockResolvedValue({
      value: {
        ...EMPTY,
        address: { streetLine: '1 Main St', postalCode: '10001', city: 'New York', region: 'NY', country: 'US' },
      },
      etag: '"v3"',
    });
    const { el } = await render();
    expect(el.querySelector('[data-testid="iban"]')).toBeNull();
    expect(el.querySelector('[data-testid="bankName"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="accountNumber"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="transitNumber"]')).toBeNull();
  });

  it('says when the prefix is frozen and does not let it change', async () => {
    load.mockResolvedValue({
      value: { ...EMPTY, numberPrefix: 'CM', numberPrefixFrozen: true },
      etag: '"v3"',
    });
    const { el, input } = await render();
    expect(input('numberPrefix').disabled).toBe(true);
    // The example number with non-breaking hyphens: it never breaks over two lines.
    const year = new Date().getFullYear();
    expect(el.querySelector('[data-testid="prefix-hint"]')?.textContent).toContain(
      `Fixed for this year (CM\u2011${year}\u2011000001`,
    );
  });
});
