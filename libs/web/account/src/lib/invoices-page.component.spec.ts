import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type MyInvoiceView, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { LanguageService, MyFinanceStore, SessionStore } from '@mijn-account/web-core';
import { MyInvoicesPageComponent } from './invoices-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  myInvoices: {
    title: 'My invoices',
    none: 'No invoices yet',
    forbidden: 'The owner has not let members see the invoices.',
    failed: 'Your invoices could not be loaded.',
    membersToggle: 'Members may see the invoices',
    kind: { invoice: 'Invoice', 'credit-note': 'Credit note' },
    statuses: { open: 'open', paid: 'paid', void: 'voided', uncollectible: 'uncollectible' },
    overdue: 'overdue',
    pdf: 'PDF',
    ubl: 'UBL',
    net: 'excl. {{ amount }}',
    corrects: 'for invoice {{ number }}',
    credit: 'credit',
    stillDue: 'still due: {{ amount }}',
    overpaid: 'overpaid: {{ amount }}',
  },
};

const invoice: MyInvoiceView = {
  id: 'i-1',
  kind: 'invoice',
  number: 'CM-2026-000001',
  status: 'open',
  issueDate: '2026-11-01',
  dueDate: '2026-11-15',
  overdue: true,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  currency: 'EUR',
  netMinor: 3000,
  taxMinor: 630,
  grossMinor: 3630,
  paidMinor: 0,
  creditedMinor: 0,
  outstandingMinor: 3630,
  overpaidMinor: 0,
  corrects: null,
  files: { pdf: true, ubl: true },
};

describe('MyInvoicesPageComponent', () => {
  const me = signal<unknown>(null);
  let store: {
    invoices: jest.Mock;
    invoiceAccess: jest.Mock;
    setInvoiceAccess: jest.Mock;
    fileUrl: (id: string, format: string) => string;
  };

  beforeEach(() => {
    me.set({ account: { role: 'owner' }, user: {} });
    store = {
      invoices: jest.fn().mockResolvedValue([invoice]),
      invoiceAccess: jest.fn().mockResolvedValue({ membersMaySeeInvoices: false }),
      setInvoiceAccess: jest.fn().mockResolvedValue({ membersMaySeeInvoices: true }),
      fileUrl: (id, format) => `/api/account/invoices/${id}/${format}`,
    };
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
        { provide: SessionStore, useValue: { me, ensureLoaded: jest.fn().mockResolvedValue(null) } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(MyInvoicesPageComponent);
    await settle(fixture);
    return Object.assign(fixture.nativeElement as HTMLElement, { fixture });
  }

  it('lists an invoice with its total, due date, overdue mark and both downloads', async () => {
    const el = await render();
    const row = el.querySelector('[data-testid=invoice-row]') as HTMLElement;
    expect(row.textContent).toContain('Invoice CM-2026-000001');
    expect(row.textContent).toContain('€36.30');
    // A date is written with no-break spaces (LocaleFormat): read whole, never split over two lines.
    expect(row.textContent).toContain('15\u00a0Nov\u00a02026');
    expect(row.querySelector('[data-testid=invoice-status]')?.textContent).toContain('open');
    expect(row.querySelector('[data-testid=invoice-overdue]')?.textContent).toContain('overdue');
    expect(row.querySelector('[data-testid=invoice-pdf]')?.getAttribute('href')).toBe('/api/account/invoices/i-1/pdf');
    expect(row.querySelector('[data-testid=invoice-ubl]')?.getAttribute('href')).toBe('/api/account/invoices/i-1/ubl');
  });

  it('shows a credit note as a credit: a negative amount, the invoice it corrects, no due date, never "open"', async () => {
    const creditNote: MyInvoiceView = {
      ...invoice,
      id: 'c-1',
      kind: 'credit-note',
      number: 'CM-CN-2026-000001',
      dueDate: null,
      overdue: false,
      netMinor: 500,
      taxMinor: 105,
      grossMinor: 605,
      outstandingMinor: 0,
      corrects: 'CM-2026-000001',
    };
    store.invoices.mockResolvedValue([creditNote]);
    const el = await render();
    const row = el.querySelector('[data-testid=invoice-row]') as HTMLElement;
    expect(row.textContent).toContain('Credit note CM-CN-2026-000001');
    expect(row.querySelector('[data-testid=invoice-corrects]')?.textContent).toContain('for invoice CM-2026-000001');
    expect(row.querySelector('[data-testid=invoice-total]')?.textContent).toMatch(/^[-−]€6\.05$/);
    expect(row.querySelector('[data-testid=invoice-status]')?.textContent?.trim()).toBe('credit');
    expect(row.querySelector('td.none')).not.toBeNull();
  });

  it('says what is still due on a partly paid invoice, and what was overpaid', async () => {
    store.invoices.mockResolvedValue([
      { ...invoice, paidMinor: 1000, creditedMinor: 605, outstandingMinor: 2025 },
      {
        ...invoice,
        id: 'i-2',
        status: 'paid',
        overdue: false,
        paidMinor: 3630,
        creditedMinor: 605,
        outstandingMinor: 0,
        overpaidMinor: 605,
      },
    ]);
    const el = await render();
    const [partly, overpaid] = Array.from(el.querySelectorAll('[data-testid=invoice-row]'));
    expect(partly.querySelector('[data-testid=invoice-due]')?.textContent).toContain('still due: €20.25');
    expect(overpaid.querySelector('[data-testid=invoice-due]')).toBeNull();
    expect(overpaid.querySelector('[data-testid=invoice-overpaid]')?.textContent).toContain('overpaid: €6.05');
  });

  it('shows an empty state with the next step when there are no invoices', async () => {
    store.invoices.mockResolvedValue([]);
    const el = await render();
    expect(el.querySelector('[data-testid=invoices-empty]')?.textContent).toContain('No invoices yet');
    expect(el.querySelector('[data-testid=invoice-list]')).toBeNull();
  });

  it('lets the owner allow members to see the invoices', async () => {
    const el = await render();
    const toggle = el.querySelector('[data-testid=members-see-invoices] button') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    toggle.click();
    await settle(el.fixture);
    expect(store.setInvoiceAccess).toHaveBeenCalledWith({ membersMaySeeInvoices: true });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });

  it('tells a member who may not see the invoices so, without the owner’s toggle', async () => {
    me.set({ account: { role: 'member' }, user: {} });
    store.invoices.mockRejectedValue(
      new HttpErrorResponse({ status: 403, error: { type: PROBLEM_TYPES.forbidden, status: 403, title: 'Forbidden' } }),
    );
    const el = await render();
    expect(el.querySelector('[data-testid=invoices-forbidden]')?.textContent).toContain('not let members');
    expect(el.querySelector('[data-testid=members-see-invoices]')).toBeNull();
    expect(el.querySelector('[data-testid=invoices-failed]')).toBeNull();
    expect(store.invoiceAccess).not.toHaveBeenCalled();
  });

  it('says a failed load failed, never "no invoices"', async () => {
    store.invoices.mockRejectedValue(new HttpErrorResponse({ status: 503 }));
    const el = await render();
    expect(el.querySelector('[data-testid=invoices-failed]')).not.toBeNull();
    expect(el.querySelector('[data-testid=invoices-empty]')).toBeNull();
  });
});
