import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { FinanceInvoiceDetail, FinanceInvoiceListItem } from '@mijn-account/shared-contracts';
import { FinanceRunsStore, TenantStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { FinanceInvoicesStore } from './finance-invoices.store';
import { InvoicePageComponent, parseMoney } from './invoice-page.component';
import { InvoicesPageComponent } from './invoices-page.component';

const en = {
  finance: {
    restricted: { keptUntil: 'Restricted (erased on {{erased}}, kept until {{kept}})' },
    invoices: {
      title: 'Invoices',
      empty: 'No invoices match.',
      isOverdue: 'overdue',
      creditNote: 'Credit note',
      invoiceTitle: 'Invoice',
      statuses: { open: 'Open', paid: 'Paid', issued: 'Issued' },
      reminderSent: 'Reminder {{ n }}',
    },
  },
};

const item = (over: Partial<FinanceInvoiceListItem> = {}): FinanceInvoiceListItem => ({
  id: 'i-1',
  kind: 'invoice',
  number: 'AT-2026-000001',
  status: 'open',
  overdue: false,
  issueDate: '2026-11-01',
  dueDate: '2026-11-15',
  accountId: 'a-1',
  customerNumber: 'C-1',
  customerName: 'Fietsen BV',
  currency: 'EUR',
  netMinor: 6000,
  taxMinor: 1260,
  grossMinor: 7260,
  paidMinor: 1000,
  creditedMinor: 0,
  outstandingMinor: 6260,
  overpaidMinor: 0,
  restricted: null,
  ...over,
});

const detail = (over: Partial<FinanceInvoiceDetail> = {}): FinanceInvoiceDetail => ({
  ...item(),
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  language: 'nl',
  statusReason: null,
  failure: null,
  supplier: null,
  customer: null,
  paymentReference: 'AT-2026-000001',
  lines: [
    {
      position: 1,
      description: 'Basis',
      quantity: 2,
      unitPriceMinor: 3000,
      netMinor: 6000,
      taxCategory: 'S',
      rateBasisPoints: 2100,
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    },
  ],
  taxBreakdown: [],
  payments: [],
  reminders: [],
  creditNotes: [],
  creditedInvoice: null,
  note: null,
  files: [{ format: 'pdf', fileName: 'AT-2026-000001.pdf', sha256: 'a'.repeat(64), size: 100 }],
  ...over,
});

describe('finance invoices', () => {
  beforeEach(() => {
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
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TenantStore, useValue: { tenant: signal(null), today: () => '2026-11-20' } },
        {
          provide: ActivatedRoute,
          useValue: {
            snapshot: { paramMap: convertToParamMap({ invoiceId: 'i-1' }), queryParamMap: convertToParamMap({}) },
          },
        },
      ],
    });
  });

  const settle = async () => {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
  };

  it('reads amounts the way people type them, in cents', () => {
    expect(parseMoney('12,50')).toBe(1250);
    expect(parseMoney('12.5')).toBe(1250);
    expect(parseMoney(' 7 ')).toBe(700);
    expect(parseMoney('1.234,56')).toBeNull();
    expect(parseMoney('-3')).toBeNull();
  });

  it('asks the API with the filters, and sends the credit note with its Idempotency-Key', async () => {
    const store = TestBed.inject(FinanceInvoicesStore);
    const http = TestBed.inject(HttpTestingController);
    const listed = store.list({ status: ['open', 'uncollectible'], overdue: true, q: 'AT-2026' });
    const request = http.expectOne((r) => r.url === '/api/finance/invoices');
    expect(request.request.params.toString()).toBe('status=open,uncollectible&overdue=true&q=AT-2026');
    request.flush({ items: [item()], next: null });
    expect((await listed).items).toHaveLength(1);
    const credited = store.creditNote('i-1', { mode: 'whole', reason: 'Wrong customer' }, 'key-1');
    const post = http.expectOne('/api/finance/invoices/i-1/credit-notes');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('Idempotency-Key')).toBe('key-1');
    post.flush(detail({ kind: 'credit-note', number: 'AT-CN-2026-000001' }));
    expect((await credited).number).toBe('AT-CN-2026-000001');
    expect(store.csvUrl('2026-11-01', '2026-11-30', 'nl')).toBe(
      '/api/finance/exports/invoices.csv?from=2026-11-01&to=2026-11-30&language=nl',
    );
    http.verify();
  });

  it('lists invoices with their state and amounts, and says so when none match', async () => {
    const creditNote = item({
      id: 'c-1',
      kind: 'credit-note',
      number: 'AT-CN-2026-000001',
      dueDate: null,
      grossMinor: -3630,
      outstandingMinor: 0,
    });
    const list = jest.fn().mockResolvedValue({ items: [item({ overdue: true }), creditNote], next: null });
    TestBed.overrideProvider(FinanceInvoicesStore, {
      useValue: { list, csvUrl: () => '/csv', zipUrl: () => '/zip' },
    });
    // The filters of the address (a reload, a shared link, the way back from an invoice); an unknown status is dropped.
    TestBed.overrideProvider(ActivatedRoute, {
      useValue: {
        snapshot: { queryParamMap: convertToParamMap({ status: 'open,bogus', overdue: 'true', q: 'AT-2026' }) },
      },
    });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(InvoicesPageComponent);
    await settle();
    expect(list).toHaveBeenCalledWith({
      status: ['open'],
      overdue: true,
      from: undefined,
      to: undefined,
      q: 'AT-2026',
    });
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const table = el.querySelector('[data-testid="invoices"]');
    expect(table?.textContent).toContain('AT-2026-000001');
    expect(table?.textContent).toContain('Fietsen BV');
    expect(table?.textContent).toContain('overdue');
    expect(table?.textContent).toMatch(/72[.,]60/);
    // An issued credit note asks nothing: "Issued", never "Open".
    const rows = [...el.querySelectorAll('[data-testid="invoices"] tbody tr')].map((row) => row.textContent ?? '');
    expect(rows[0]).toContain('Open');
    expect(rows[1]).toContain('AT-CN-2026-000001');
    expect(rows[1]).toContain('Issued');
    expect(rows[1]).not.toContain('Open');

    expect(el.querySelector('[data-testid="restricted-marker"]')).toBeNull();

    // A record kept after the account's erasure says so, with both dates.
    list.mockResolvedValue({
      items: [item({ restricted: { erasedAt: '2026-11-20T10:00:00Z', keptUntil: '2033-12-31' } })],
      next: null,
    });
    (el.querySelector('[data-testid="apply-filters"]') as HTMLButtonElement).click();
    await settle();
    fixture.detectChanges();
    // Applying puts the filters in the address, replacing it.
    expect(navigate).toHaveBeenLastCalledWith([], {
      relativeTo: expect.anything(),
      queryParams: { status: 'open', overdue: true, from: undefined, to: undefined, q: 'AT-2026' },
      replaceUrl: true,
    });
    const marker = el.querySelector('[data-testid="restricted-marker"]')?.textContent ?? '';
    expect(marker).toContain('Restricted (erased on');
    expect(marker).toContain('2026');
    expect(marker).toContain('kept until');
    expect(marker).toContain('2033');

    list.mockResolvedValue({ items: [], next: null });
    (el.querySelector('[data-testid="apply-filters"]') as HTMLButtonElement).click();
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="invoices-empty"]')?.textContent).toContain('No invoices match.');
  });

  it('shows an invoice with a PDF preview, and issues a credit note of an amount once', async () => {
    const creditNote = jest.fn().mockResolvedValue(detail({ number: 'AT-CN-2026-000001' }));
    TestBed.overrideProvider(FinanceInvoicesStore, {
      useValue: {
        detail: jest.fn().mockResolvedValue(
          detail({
            reminders: [{ reminderNo: 1, sentAt: '2026-11-20T09:00:00.000Z', recipient: 'a@fietsen.example' }],
          }),
        ),
        creditNote,
        fileUrl: (id: string, format: string) => `/api/finance/invoices/${id}/${format}`,
      },
    });
    TestBed.overrideProvider(ConfirmDialog, { useValue: { confirm: jest.fn().mockResolvedValue(true) } });
    const fixture = TestBed.createComponent(InvoicePageComponent);
    await settle();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[data-testid="invoice-number"]')?.textContent).toContain('AT-2026-000001');
    expect(el.querySelector('iframe')?.getAttribute('src')).toBe('/api/finance/invoices/i-1/pdf');
    expect(el.querySelector('[data-testid="invoice-outstanding"]')?.textContent).toMatch(/62[.,]60/);
    expect(el.querySelector('[data-testid="reminders"]')?.textContent).toContain('Reminder 1');
    expect(el.querySelector('[data-testid="reminders"]')?.textContent).toContain('a@fietsen.example');

    const component = fixture.componentInstance as unknown as {
      credit: { setValue: (v: unknown) => void };
      createCreditNote: (directive: { resetForm: () => void }) => Promise<void>;
    };
    component.credit.setValue({ mode: 'amount', amountMinor: '10,00', reason: 'Goodwill' });
    await component.createCreditNote({ resetForm: jest.fn() });
    expect(creditNote).toHaveBeenCalledWith(
      'i-1',
      { mode: 'amount', reason: 'Goodwill', amountMinor: 1000 },
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    );
  });

  it("shows the API's refusal of a payment at its amount field, and leaves a clean form after a credit note", async () => {
    const refusal = new HttpErrorResponse({
      status: 422,
      error: {
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        code: 'validation',
        errors: [{ field: 'amountMinor', code: 'atMostOutstanding', message: 'At most the amount outstanding' }],
      },
    });
    const pay = jest.fn().mockRejectedValue(refusal);
    TestBed.overrideProvider(FinanceInvoicesStore, {
      useValue: {
        detail: jest.fn().mockResolvedValue(detail()),
        pay,
        creditNote: jest.fn().mockResolvedValue(detail({ number: 'AT-CN-2026-000001' })),
        fileUrl: () => '',
      },
    });
    const fixture = TestBed.createComponent(InvoicePageComponent);
    await settle();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const field = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.closest('mat-form-field');

    (el.querySelector('[data-testid="payment-amount"]') as HTMLInputElement).value = '999,99';
    el.querySelector('[data-testid="payment-amount"]')?.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid="payment-reference"]') as HTMLInputElement).value = 'Bank 1';
    el.querySelector('[data-testid="payment-reference"]')?.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid="payment-form"]') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    fixture.detectChanges();
    expect(pay).toHaveBeenCalledWith('i-1', expect.objectContaining({ amountMinor: 99999 }));
    expect(field('payment-amount')?.querySelector('mat-error')?.textContent).toContain(
      'At most the amount outstanding',
    );
    expect(field('payment-reference')?.querySelector('mat-error')).toBeNull();

    (el.querySelector('[data-testid="credit-reason"]') as HTMLInputElement).value = 'Goodwill';
    el.querySelector('[data-testid="credit-reason"]')?.dispatchEvent(new Event('input'));
    (el.querySelector('[data-testid="credit-note-form"]') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    fixture.detectChanges();
    expect((el.querySelector('[data-testid="credit-reason"]') as HTMLInputElement).value).toBe('');
    expect(field('credit-reason')?.classList).not.toContain('mat-form-field-invalid');
    expect(field('credit-reason')?.querySelector('mat-error')).toBeNull();
  });

  it('shows what the customer is owed when payments and credit notes exceed the total (ADR 0014)', async () => {
    TestBed.overrideProvider(FinanceInvoicesStore, {
      useValue: {
        detail: jest
          .fn()
          .mockResolvedValue(
            detail({ status: 'paid', paidMinor: 5000, creditedMinor: 9075, outstandingMinor: 0, overpaidMinor: 281 }),
          ),
        fileUrl: (id: string, format: string) => `/api/finance/invoices/${id}/${format}`,
      },
    });
    const fixture = TestBed.createComponent(InvoicePageComponent);
    await settle();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[data-testid="invoice-outstanding"]')?.textContent).toMatch(/0[.,]00/);
    expect(el.querySelector('[data-testid="invoice-overpaid"]')?.textContent).toMatch(/2[.,]81/);
  });

  it("shows the tenant's tax text in the tax columns instead of the category code, and a treatment's own text", async () => {
    TestBed.overrideProvider(FinanceInvoicesStore, {
      useValue: {
        detail: jest.fn().mockResolvedValue(
          detail({
            lines: [
              { ...detail().lines[0] },
              { ...detail().lines[0], position: 2, description: 'Export', taxCategory: 'AE', rateBasisPoints: 0 },
            ],
            taxBreakdown: [
              { category: 'S', rateBasisPoints: 2100, exemptionReason: null, taxableMinor: 6000, taxMinor: 1260 },
              { category: 'AE', rateBasisPoints: 0, exemptionReason: 'Btw verlegd', taxableMinor: 6000, taxMinor: 0 },
            ],
          }),
        ),
        fileUrl: () => '',
      },
    });
    TestBed.overrideProvider(FinanceRunsStore, {
      useValue: {
        taxCategories: jest.fn().mockResolvedValue([
          { code: 'high', category: 'S', rateBasisPoints: 2100, textNl: 'Btw hoog', textEn: 'VAT standard' },
          { code: 'low', category: 'S', rateBasisPoints: 900, textNl: 'Btw laag', textEn: 'VAT reduced' },
        ]),
      },
    });
    const fixture = TestBed.createComponent(InvoicePageComponent);
    await settle();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const texts = (id: string) =>
      [...el.querySelectorAll(`[data-testid="${id}"]`)].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(texts('line-tax')).toEqual(['Btw hoog 21 %', 'Btw verlegd']);
    expect(texts('breakdown-tax')).toEqual(['Btw hoog 21 %', 'Btw verlegd']);
  });
});
