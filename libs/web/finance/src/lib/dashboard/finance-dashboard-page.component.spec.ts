import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { BillingRunView, FinanceSummary, MeResponse, StaffRole } from '@mijn-account/shared-contracts';
import { FinanceRunsStore, SessionStore, TenantStore } from '@mijn-account/web-core';
import { FinanceDashboardPageComponent } from './finance-dashboard-page.component';

const en = {
  finance: {
    dashboard: {
      openSettings: 'Open the invoicing settings',
      missing: { iban: 'IBAN', numberPrefix: 'Invoice number prefix' },
      noRun: 'No billing run yet.',
    },
  },
};

/** November's run, completed: so many drafts numbered, so many failed. */
const completedRun = (finalised: number, failed: number) =>
  ({
    id: 'run-1',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    status: 'completed',
    finalised,
    failed,
  }) as BillingRunView;

const summary = (over: Partial<FinanceSummary>): FinanceSummary => ({
  currencies: [],
  lastRun: null,
  nextScheduledRun: null,
  missing: [],
  today: '2026-11-29',
  ...over,
});

/** The dashboard says what the invoicing settings miss, and leads an admin (only) to them. */
describe('FinanceDashboardPageComponent', () => {
  async function render(result: FinanceSummary | Error, roles: StaffRole[] = ['finance']) {
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
          provide: FinanceRunsStore,
          useValue: {
            summary: jest.fn(() => (result instanceof Error ? Promise.reject(result) : Promise.resolve(result))),
          },
        },
        { provide: SessionStore, useValue: { me: signal({ staffRoles: roles, user: {} } as unknown as MeResponse) } },
        { provide: TenantStore, useValue: { tenant: signal({ currency: 'EUR' }) } },
      ],
    });
    const fixture = TestBed.createComponent(FinanceDashboardPageComponent);
    fixture.detectChanges();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    return (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  }

  it('lists what the invoicing settings miss, with the link for a tenant admin', async () => {
    const testId = await render(summary({ missing: ['iban', 'numberPrefix'] }), ['finance', 'tenant-admin']);
    expect(testId('finance-missing')?.textContent).toContain('IBAN');
    expect(testId('finance-missing')?.textContent).toContain('Invoice number prefix');
    expect(testId('finance-incomplete-action')?.getAttribute('href')).toBe('/admin/invoicing');
  });

  it('gives finance without the admin role no link it could not open', async () => {
    const testId = await render(summary({ missing: ['iban'] }));
    expect(testId('finance-missing')).not.toBeNull();
    expect(testId('finance-incomplete-action')).toBeNull();
  });

  it('shows amounts per currency and says when there is no run, without the settings notice when complete', async () => {
    const testId = await render(
      summary({ currencies: [{ currency: 'EUR', openMinor: 363000, openCount: 2, overdueMinor: 0, overdueCount: 0 }] }),
    );
    expect(testId('finance-settings-incomplete')).toBeNull();
    expect(testId('finance-open')?.textContent).toMatch(/3[.,]630[.,]00/);
    expect(testId('finance-last-run')?.textContent).toContain('No billing run yet.');
  });

  it('says how many drafts of the last run failed, beside what was numbered', async () => {
    const testId = await render(summary({ lastRun: completedRun(1, 1) }));
    expect(testId('finance-last-run-failed')?.textContent).toContain('finance.dashboard.lastRunFailed');
  });

  it('says nothing failed when the last run numbered every draft', async () => {
    const testId = await render(summary({ lastRun: completedRun(2, 0) }));
    expect(testId('finance-last-run')).not.toBeNull();
    expect(testId('finance-last-run-failed')).toBeNull();
  });

  it('says the figures did not load, never "nothing open"', async () => {
    const testId = await render(new Error('offline'));
    expect(testId('finance-dashboard-failed')).not.toBeNull();
    expect(testId('finance-nothing-open')).toBeNull();
  });
});
