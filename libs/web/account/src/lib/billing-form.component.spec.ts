import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type BillingAddress, type BillingDetails, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { AccountDetailsStore, type SaveResult } from '@mijn-account/web-core';
import { BillingFormComponent } from './billing-form.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  problems: { validation: 'Some fields need another look.' },
  details: { save: 'Save', saved: 'Saved.' },
};
const BILLING: BillingDetails = {
  companyName: 'Bakkerij De Vries',
  cocNumber: '12345678',
  vatId: null,
  billingEmail: 'factuur@example.com',
  address: {
    street: 'Dorpsstraat',
    houseNumber: '1',
    houseNumberAddition: null,
    postalCode: '1234 AB',
    city: 'Utrecht',
    country: 'NL',
  },
} as BillingDetails;

describe('BillingFormComponent', () => {
  let loadBilling: jest.Mock;
  let saveBilling: jest.Mock<Promise<SaveResult<BillingDetails>>, [unknown, string, string | undefined]>;

  beforeEach(() => {
    loadBilling = jest.fn().mockResolvedValue({ value: BILLING, etag: '"1"' });
    saveBilling = jest.fn();
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [provideNoopAnimations(), { provide: AccountDetailsStore, useValue: { loadBilling, saveBilling } }],
    });
  });

  async function render(inputs: { canEdit: boolean; accountId?: string }) {
    const fixture = TestBed.createComponent(BillingFormComponent);
    fixture.componentRef.setInput('canEdit', inputs.canEdit);
    if (inputs.accountId) fixture.componentRef.setInput('accountId', inputs.accountId);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    /** The input of the field labelled `fields.<name>` (the key itself: these tests load no such translations). */
    const input = (name: string) =>
      [...el.querySelectorAll('mat-form-field')]
        .find((field) => field.querySelector('mat-label')?.textContent?.trim() === `fields.${name}`)
        ?.querySelector('input') as HTMLInputElement;
    const type = (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await settle(fixture);
    };
    const saved: unknown[] = [];
    fixture.componentInstance.saved.subscribe(() => saved.push(true));
    return { fixture, el, input, type, submit, saved };
  }

  it('is read-only without edit rights: disabled fields and no save button', async () => {
    const { el, input } = await render({ canEdit: false });
    expect(input('companyName').value).toBe('Bakkerij De Vries');
    expect(input('companyName').disabled).toBe(true);
    expect(el.querySelector('button[type="submit"]')).toBeNull();
  });

  it('does not send an invalid billing e-mail', async () => {
    const { input, type, submit } = await render({ canEdit: true });
    type('billingEmail', 'not-an-address');
    await submit();
    expect(saveBilling).not.toHaveBeenCalled();
    expect(input('billingEmail').getAttribute('aria-invalid')).toBe('true');
  });

  it("saves an agent's edit to the account of the grant, with the address as one object", async () => {
    saveBilling.mockResolvedValue({ status: 'saved', saved: { value: BILLING, etag: '"2"' } });
    const { type, submit, saved } = await render({ canEdit: true, accountId: 'a-7' });
    expect(loadBilling).toHaveBeenCalledWith('a-7');
    type('city', 'Amersfoort');
    await submit();
    expect(saveBilling).toHaveBeenCalledWith(
      {
        companyName: 'Bakkerij De Vries',
        cocNumber: '12345678',
        vatId: null,
        billingEmail: 'factuur@example.com',
        address: { ...BILLING.address, city: 'Amersfoort' },
      },
      '"1"',
      'a-7',
    );
    expect(document.querySelector('mat-snack-bar-container')).not.toBeNull();
    expect(saved).toHaveLength(1);
  });

  it('sends no address when every address field is empty', async () => {
    saveBilling.mockResolvedValue({ status: 'saved', saved: { value: { ...BILLING, address: null }, etag: '"2"' } });
    const { type, submit } = await render({ canEdit: true });
    for (const field of ['street', 'houseNumber', 'postalCode', 'city', 'country']) type(field, '');
    await submit();
    expect(saveBilling.mock.calls[0][0]).toMatchObject({ address: null });
  });

  it('shows an address error (address.postalCode) under the postal code field', async () => {
    saveBilling.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          title: 'Invalid',
          status: 422,
          errors: [{ field: 'address.postalCode', code: 'matches', message: 'Not a Dutch postal code' }],
        },
      }),
    );
    const { el, input, submit, saved } = await render({ canEdit: true });
    await submit();
    const field = input('postalCode').closest('mat-form-field');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe('Not a Dutch postal code');
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Some fields need another look.');
    expect(saved).toHaveLength(0);
  });

  it('on a conflict, "keep theirs" shows their version and saves nothing', async () => {
    const theirs = { ...BILLING, companyName: 'Bakkerij De Vries B.V.' };
    saveBilling.mockResolvedValueOnce({ status: 'conflict', current: { value: theirs, etag: '"3"' } });
    const { fixture, el, input, type, submit } = await render({ canEdit: true });
    type('city', 'Amersfoort');
    await submit();
    expect(el.querySelector('[data-testid="conflict"]')?.textContent).toContain('Bakkerij De Vries B.V.');
    const keep = [...el.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent?.trim() === 'details.conflict.keep',
    );
    keep?.click();
    await settle(fixture);
    expect(el.querySelector('[data-testid="conflict"]')).toBeNull();
    expect(input('companyName').value).toBe('Bakkerij De Vries B.V.');
    expect(input('city').value).toBe('Utrecht');
    expect(saveBilling).toHaveBeenCalledTimes(1);
  });
});

describe('BillingFormComponent: the form follows the country', () => {
  const CANADIAN: BillingDetails = {
    companyName: 'Maple Leaf Logistics Inc.',
    cocNumber: '123456782',
    vatId: '123456782RT0001',
    vatCheck: { valid: true, checkedAt: '2026-11-28T10:00:00.000Z' },
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
  };
  let saveBilling: jest.Mock;

  async function render(billing: BillingDetails) {
    saveBilling = jest.fn().mockResolvedValue({ status: 'saved', saved: { value: billing, etag: '"2"' } });
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        {
          provide: AccountDetailsStore,
          useValue: { loadBilling: jest.fn().mockResolvedValue({ value: billing, etag: '"1"' }), saveBilling },
        },
      ],
    });
    const fixture = TestBed.createComponent(BillingFormComponent);
    fixture.componentRef.setInput('canEdit', true);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const labels = () => [...el.querySelectorAll('mat-form-field mat-label')].map((l) => l.textContent?.trim());
    const field = (label: string) =>
      [...el.querySelectorAll('mat-form-field')].find(
        (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
      );
    const type = (label: string, value: string) => {
      const input = field(label)?.querySelector('input') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await settle(fixture);
    };
    return { fixture, el, labels, field, type, submit };
  }

  it('lays out a Canadian address: street line, province picker, business number and GST/HST, no house number', async () => {
    const { labels, field } = await render(CANADIAN);
    expect(labels()).toEqual([
      'fields.companyName',
      'billing.registration.businessNumber',
      'billing.taxId.gstHst',
      'fields.billingEmail',
      'fields.country',
      'billing.streetLine',
      'fields.postalCode',
      'fields.city',
      'billing.region.province',
    ]);
    expect(field('billing.region.province')?.querySelector('mat-select')).not.toBeNull();
    expect((field('fields.country')?.querySelector('input') as HTMLInputElement).value).toBe('Canada');
    expect(field('fields.postalCode')?.querySelector('mat-hint')?.textContent).toContain('billing.postalExample');
  });

  it('sends the province and no house number, and reads a country typed by its name', async () => {
    const { type, submit } = await render(CANADIAN);
    type('fields.country', 'canada');
    type('fields.city', 'Ottawa');
    await submit();
    expect(saveBilling.mock.calls[0][0].address).toEqual({ ...CANADIAN.address, city: 'Ottawa' });
  });

  it('asks no registration or tax id in the US, and calls the postal code a ZIP code', async () => {
    const { labels } = await render({
      ...CANADIAN,
      cocNumber: null,
      vatId: null,
      vatCheck: null,
      address: {
        street: '1 Market St',
        houseNumber: null,
        houseNumberAddition: null,
        postalCode: '94105',
        city: 'San Francisco',
        region: 'CA',
        country: 'US',
      },
    });
    expect(labels()).not.toContain('billing.registration.businessNumber');
    expect(labels()).not.toContain('fields.vatId');
    expect(labels()).toContain('fields.zipCode');
    expect(labels()).toContain('billing.region.state');
  });

  it('still shows the house number of an address saved by the old form', async () => {
    const { labels } = await render({
      ...CANADIAN,
      address: { ...(CANADIAN.address as BillingAddress), street: 'Bay Street', houseNumber: '1200', region: null },
    });
    expect(labels()).toContain('fields.houseNumber');
  });
});
