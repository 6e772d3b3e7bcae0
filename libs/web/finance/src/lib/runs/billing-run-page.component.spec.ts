import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { BillingRunView, MeResponse, RunDraftView } from '@mijn-account/shared-contracts';
import { FinanceRunsStore, SessionStore, TenantStore } from '@mijn-account/web-core';
import { ConfirmDialog, Notifier } from '@mijn-account/web-ui';
import { BillingRunPageComponent, POLL_MS } from './billing-run-page.component';

const en = {
  finance: {
    runs: {
      statuses: { drafting: 'Drafting', review: 'In review', finalising: 'Finalising', completed: 'Completed' },
      phaseDrafting: 'Drafting: {{ percent }} %',
    },
  },
};

const run = (over: Partial<BillingRunView>): BillingRunView => ({
  id: 'run-1',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  status: 'drafting',
  toBill: 4,
  drafted: 0,
  skipped: 0,
  finalised: 0,
  failed: 0,
  failures: [],
  startedBy: 'Finn',
  createdAt: '2026-11-29T09:00:00Z',
  finaliseAfter: null,
  completedAt: null,
  ...over,
});

const draft = (over: Partial<RunDraftView>): RunDraftView => ({
  id: 'inv-1',
  accountId: 'acc-1',
  customerNumber: 'C-1',
  customerName: 'Jansen',
  currency: 'EUR',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  netMinor: 3000,
  lineCount: 1,
  taxCategory: 'high',
  failure: null,
  problem: null,
  ...over,
});

/** The run page asks for progress about once a second while the run works, and stops when it waits, ends or is left. */
describe('BillingRunPageComponent', () => {
  let store: Record<string, jest.Mock>;
  let confirm: jest.Mock;

  beforeEach(() => {
    jest.useFakeTimers();
    store = {
      progress: jest.fn(),
      drafts: jest.fn().mockResolvedValue({ items: [draft({})], nextCursor: null }),
      taxCategories: jest.fn().mockResolvedValue([]),
      finalise: jest.fn(),
      deleteDraft: jest.fn().mockResolvedValue(undefined),
      retry: jest.fn(),
      addLine: jest.fn(),
      draft: jest.fn(),
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
        { provide: FinanceRunsStore, useValue: store },
        { provide: ConfirmDialog, useValue: { confirm } },
        { provide: Notifier, useValue: { success: jest.fn() } },
        {
          provide: SessionStore,
          useValue: { me: signal({ staffRoles: ['finance'], user: {} } as unknown as MeResponse) },
        },
        { provide: TenantStore, useValue: { tenant: signal(null) } },
      ],
    });
  });
  afterEach(() => jest.useRealTimers());

  async function settle() {
    for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  }

  async function render() {
    const fixture = TestBed.createComponent(BillingRunPageComponent);
    fixture.componentRef.setInput('runId', 'run-1');
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    return { fixture, el, testId: (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`) };
  }

  it('polls while drafting, moves the bar, and stops once the run waits for review (then lists its drafts)', async () => {
    store.progress
      .mockResolvedValueOnce(run({ drafted: 1 }))
      .mockResolvedValueOnce(run({ drafted: 3 }))
      .mockResolvedValueOnce(run({ status: 'review', drafted: 4 }));
    const { fixture, testId } = await render();
    expect(testId('run-progress-bar')?.getAttribute('aria-valuenow')).toBe('25');
    jest.advanceTimersByTime(POLL_MS);
    await settle();
    fixture.detectChanges();
    expect(testId('run-progress-bar')?.getAttribute('aria-valuenow')).toBe('75');
    jest.advanceTimersByTime(POLL_MS);
    await settle();
    await settle();
    fixture.detectChanges();
    expect(testId('run-status')?.textContent?.trim()).toBe('In review');
    expect(store.progress).toHaveBeenCalledTimes(3);
    jest.advanceTimersByTime(POLL_MS * 5);
    await settle();
    expect(store.progress).toHaveBeenCalledTimes(3);
    expect(store.drafts).toHaveBeenCalledWith('run-1', null);
    fixture.detectChanges();
    expect(testId('draft-C-1')?.textContent).toContain('Jansen');
    expect(testId('finalise-run')).not.toBeNull();
  });

  it('stops polling when the page is left', async () => {
    store.progress.mockResolvedValue(run({ drafted: 1 }));
    const { fixture } = await render();
    expect(store.progress).toHaveBeenCalledTimes(1);
    fixture.destroy();
    jest.advanceTimersByTime(POLL_MS * 5);
    await settle();
    expect(store.progress).toHaveBeenCalledTimes(1);
  });

  it('finalises only after the confirmation, then polls the finalising run', async () => {
    store.progress.mockResolvedValueOnce(run({ status: 'review', drafted: 4 }));
    const { fixture, testId } = await render();
    await settle();
    confirm.mockResolvedValueOnce(false);
    testId('finalise-run')?.click();
    await settle();
    expect(store.finalise).not.toHaveBeenCalled();
    store.finalise.mockResolvedValue(run({ status: 'finalising', drafted: 4, finalised: 1 }));
    store.progress.mockResolvedValue(run({ status: 'completed', drafted: 4, finalised: 4 }));
    testId('finalise-run')?.click();
    await settle();
    expect(confirm).toHaveBeenLastCalledWith(
      expect.objectContaining({ message: 'finance.runs.finaliseMessage', params: { count: 4, failing: 0 } }),
    );
    expect(store.finalise).toHaveBeenCalledWith('run-1');
    jest.advanceTimersByTime(POLL_MS);
    await settle();
    fixture.detectChanges();
    expect(testId('run-status')?.textContent?.trim()).toBe('Completed');
  });

  it('warns before finalising about drafts that will not be numbered, and why, in the review and the confirmation', async () => {
    store.progress.mockResolvedValue(run({ status: 'review', drafted: 4, willFail: 1, skips: [] }));
    store.drafts.mockResolvedValue({ items: [draft({ problem: 'noBillingAddress' })], nextCursor: null });
    const { fixture, testId } = await render();
    await settle();
    fixture.detectChanges();
    expect(testId('run-will-fail')).not.toBeNull();
    expect(testId('draft-problem')).not.toBeNull();
    confirm.mockResolvedValueOnce(false);
    testId('finalise-run')?.click();
    await settle();
    expect(confirm).toHaveBeenLastCalledWith(
      expect.objectContaining({ message: 'finance.runs.finaliseMessageFailing', params: { count: 3, failing: 1 } }),
    );
  });

  it('does not call a run with a failed draft complete: says how many failed, links them, names the skipped subscriptions', async () => {
    store.progress.mockResolvedValue(
      run({
        status: 'completed',
        drafted: 2,
        finalised: 1,
        failed: 1,
        skipped: 1,
        failures: [{ invoiceId: 'inv-1', subscriptionId: null, reason: 'The account has no billing address' }],
        skips: [
          {
            subscriptionId: 's-9',
            accountId: 'a-9',
            customerNumber: 'C-9',
            customerName: 'Eva',
            reason: 'alreadyBilled',
          },
        ],
      }),
    );
    store.drafts.mockResolvedValue({
      items: [draft({ failure: 'The account has no billing address', problem: 'noBillingAddress' })],
      nextCursor: null,
    });
    const { fixture, testId, el } = await render();
    await settle();
    fixture.detectChanges();
    expect(testId('run-status')?.textContent?.trim()).toBe('finance.runs.completedWithFailures');
    expect(testId('run-progress-bar')?.getAttribute('aria-valuenow')).toBe('50');
    expect(testId('run-done')).not.toBeNull();
    const failure = el.querySelector('[data-testid="run-failures"] a');
    expect(failure?.textContent).toContain('Jansen');
    expect(failure?.getAttribute('href')).toContain('#draft-inv-1');
    expect(el.querySelector('#draft-inv-1')).not.toBeNull();
    const skip = el.querySelector('[data-testid="run-skips"] li');
    expect(skip?.textContent).toContain('Eva');
    expect(skip?.textContent).toContain('finance.runs.skipReasons.alreadyBilled');
    expect(skip?.querySelector('a')?.getAttribute('href')).toBe('/finance/accounts/a-9');
  });

  it('deletes a draft only after the confirmation naming the customer', async () => {
    store.progress.mockResolvedValue(run({ status: 'review', drafted: 4 }));
    const { fixture, testId } = await render();
    await settle();
    fixture.detectChanges();
    testId('delete-draft')?.click();
    await settle();
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ params: { name: 'Jansen' }, danger: true }));
    expect(store.deleteDraft).toHaveBeenCalledWith('run-1', 'inv-1');
    fixture.detectChanges();
    expect(testId('draft-C-1')).toBeNull();
  });

  it("proposes the draft's own tax category for a one-off line, not the tenant's first", async () => {
    store.progress.mockResolvedValue(run({ status: 'review', drafted: 1 }));
    store.taxCategories.mockResolvedValue([
      { code: 'gst', category: 'S', rateBasisPoints: 500, textNl: 'GST', textEn: 'GST' },
      { code: 'hst', category: 'S', rateBasisPoints: 1300, textNl: 'HST', textEn: 'HST' },
    ]);
    store.drafts.mockResolvedValue({ items: [draft({ taxCategory: 'hst' })], nextCursor: null });
    const { fixture, testId } = await render();
    await settle();
    fixture.detectChanges();
    testId('add-line')?.click();
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
    expect(testId('line-tax')?.textContent?.trim()).toBe('HST');
  });

  it("opens a draft's lines with period, quantity, price, the tenant's tax text (page language, nl here) and net, and hides them again", async () => {
    store.progress.mockResolvedValue(run({ status: 'review', drafted: 4 }));
    store.taxCategories.mockResolvedValue([
      { code: 'high', category: 'S', rateBasisPoints: 2100, textNl: 'Btw hoog', textEn: 'VAT standard' },
    ]);
    store.draft.mockResolvedValue({
      ...draft({ lineCount: 2, netMinor: 10500 }),
      lines: [
        {
          position: 1,
          kind: 'recurring',
          description: 'Basic',
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
          quantity: 1,
          unitPriceMinor: 3000,
          netMinor: 3000,
          taxCategory: 'high',
        },
        {
          position: 2,
          kind: 'one-off',
          description: 'Installation',
          periodStart: null,
          periodEnd: null,
          quantity: 1,
          unitPriceMinor: 7500,
          netMinor: 7500,
          taxCategory: 'high',
        },
      ],
    });
    const { fixture, testId, el } = await render();
    await settle();
    fixture.detectChanges();
    expect(testId('draft-lines')).toBeNull();
    testId('show-lines')?.click();
    await settle();
    fixture.detectChanges();
    expect(store.draft).toHaveBeenCalledWith('run-1', 'inv-1');
    expect(testId('show-lines')?.getAttribute('aria-expanded')).toBe('true');
    const rows = [...el.querySelectorAll('[data-testid="draft-lines"] tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0][0]).toBe('Basic');
    expect(rows[0][4]).toBe('Btw hoog 21 %');
    expect(rows[1]).toEqual([
      'Installation',
      '–',
      '1',
      expect.stringContaining('75'),
      'Btw hoog 21 %',
      expect.stringContaining('75'),
    ]);
    testId('show-lines')?.click();
    await settle();
    fixture.detectChanges();
    expect(testId('draft-lines')).toBeNull();
  });
});
