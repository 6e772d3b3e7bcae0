import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { FinanceAccountSummary } from '@mijn-account/shared-contracts';
import { FinanceAccountsStore, LanguageService, SessionStore } from '@mijn-account/web-core';
import { FinanceAccountsPageComponent } from './finance-accounts-page.component';

const en = {
  finance: {
    restricted: {
      keptUntil: 'Restricted (erased on {{erased}}, kept until {{kept}})',
      erased: 'Restricted (erased on {{erased}})',
    },
    accounts: { running: '{{ count }} running' },
  },
};

const customer = (over: Partial<FinanceAccountSummary> = {}): FinanceAccountSummary => ({
  id: 'a-1',
  customerNumber: 'CM-1',
  name: 'Acme',
  country: 'NL',
  activeSubscriptions: 1,
  restricted: null,
  ...over,
});

// The first render compiles the page's Material components: slow on a busy machine.
jest.setTimeout(30_000);

describe('FinanceAccountsPageComponent', () => {
  it('marks an erased customer as restricted in the list, with both dates, and no other', async () => {
    const search = jest.fn().mockResolvedValue({
      items: [
        customer(),
        customer({
          id: 'a-2',
          customerNumber: 'CM-2',
          name: 'Erased',
          restricted: { erasedAt: '2026-11-20T10:00:00Z', keptUntil: '2033-12-31' },
        }),
        customer({
          id: 'a-3',
          customerNumber: 'CM-3',
          name: 'No invoices',
          restricted: { erasedAt: '2026-11-21T10:00:00Z', keptUntil: null },
        }),
      ],
      next: null,
    });
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
        { provide: FinanceAccountsStore, useValue: { search } },
        { provide: LanguageService, useValue: { language: signal('en') } },
        { provide: SessionStore, useValue: { me: signal({ user: { kind: 'staff', timeZone: null } }) } },
      ],
    });
    const fixture = TestBed.createComponent(FinanceAccountsPageComponent);
    fixture.detectChanges();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const marker = (n: string) =>
      el.querySelector(`[data-testid="customer-${n}"] [data-testid="restricted-marker"]`)?.textContent?.trim() ?? null;
    expect(el.querySelector('[data-testid="customer-CM-1"]')?.textContent).toContain('Acme');
    expect(marker('CM-1')).toBeNull();
    expect(marker('CM-2')).toMatch(/^Restricted \(erased on .*2026, kept until .*2033\)$/);
    expect(marker('CM-3')).toMatch(/^Restricted \(erased on .*2026\)$/);
  });

  it('searches for the words in the address, and puts a new search there', async () => {
    const search = jest.fn().mockResolvedValue({ items: [], next: null });
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        provideRouter([{ path: 'finance/customers', component: FinanceAccountsPageComponent }]),
        { provide: FinanceAccountsStore, useValue: { search } },
        { provide: LanguageService, useValue: { language: signal('en') } },
        { provide: SessionStore, useValue: { me: signal({ user: { kind: 'staff', timeZone: null } }) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/finance/customers?q=Fietsen', FinanceAccountsPageComponent);
    await harness.fixture.whenStable();
    expect(search).toHaveBeenCalledWith('Fietsen');
    const input = harness.routeNativeElement?.querySelector('[data-testid="customer-search"]') as HTMLInputElement;
    expect(input.value).toBe('Fietsen');

    input.value = 'Bakkerij';
    input.dispatchEvent(new Event('input'));
    (harness.routeNativeElement?.querySelector('[data-testid="customer-search-go"]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    expect(search).toHaveBeenLastCalledWith('Bakkerij');
    expect(TestBed.inject(Router).url).toBe('/finance/customers?q=Bakkerij');
  });
});
