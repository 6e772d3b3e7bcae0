import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import {
  type AccessGrantView,
  type MeResponse,
  PROBLEM_TYPES,
  type ProblemDetails,
} from '@mijn-account/shared-contracts';
import { SessionStore, SupportStore } from '@mijn-account/web-core';
import { SupportConsolePageComponent } from './support-console-page.component';
import { PENDING_POLL_MS } from './support/support-console.store';
import { settle } from '@mijn-account/web-testing';

const en = {
  problems: { 'no-grant': 'No active access for this; request it first.', unavailable: 'Something went wrong.' },
  support: {
    find: 'Find an account',
    searchButton: 'Search',
    send: 'Send request',
    mine: 'My requests',
    open: 'Open support view',
    close: 'Close',
    refresh: 'Refresh',
    queue: 'Technical requests to decide',
    queueEmpty: 'No requests waiting.',
    banner: 'Support view of {{ account }} — access ends in {{ time }} · {{ scopes }}',
    denyReasonShown: 'denied by {{ name }}: {{ reason }}',
  },
  helpdesk: { approve: 'Approve', deny: 'Deny', statuses: { active: 'Active', pending: 'Waiting' } },
  security: { cancel: 'Cancel', stepUp: { submit: 'Confirm' } },
};

const grant = (over: Partial<AccessGrantView> = {}): AccessGrantView =>
  ({
    id: 'g-1',
    accountId: 'a-1',
    customerNumber: 'CM-10001',
    accountName: 'Bakkerij De Vries',
    reason: 'service',
    ticket: 'T-42',
    justification: 'Your invoice went to the old address.',
    scopes: ['billing:read'],
    minutes: 60,
    status: 'active',
    requestedBy: 'Agent',
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    ...over,
  }) as AccessGrantView;

const refused = (problem: ProblemDetails) => new HttpErrorResponse({ status: problem.status, error: problem });

/** The console page composes its parts by role; they share one state and one alert. */
describe('SupportConsolePageComponent', () => {
  let support: { [K in keyof SupportStore]: jest.Mock };
  const me = signal<MeResponse | null>(null);
  const stepUp = jest.fn();

  function as(...staffRoles: string[]) {
    me.set({ staffRoles } as unknown as MeResponse);
  }

  beforeEach(() => {
    support = {
      search: jest.fn().mockResolvedValue([{ id: 'a-1', customerNumber: 'CM-10001', name: 'Bakkerij De Vries' }]),
      request: jest.fn().mockResolvedValue(grant({ status: 'pending' })),
      mine: jest.fn().mockResolvedValue([]),
      close: jest.fn().mockResolvedValue(grant({ status: 'closed' })),
      billing: jest.fn().mockResolvedValue({ companyName: 'Bakkerij De Vries B.V.', address: null }),
      profiles: jest.fn().mockResolvedValue([]),
      newsletters: jest.fn().mockResolvedValue([]),
      queue: jest.fn().mockResolvedValue([]),
      decide: jest.fn().mockResolvedValue(grant()),
      decided: jest.fn().mockResolvedValue([]),
    } as unknown as { [K in keyof SupportStore]: jest.Mock };
    stepUp.mockReset().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        { provide: SupportStore, useValue: support },
        { provide: PENDING_POLL_MS, useValue: 10 },
        { provide: SessionStore, useValue: { me, ensureLoaded: jest.fn().mockResolvedValue(null), stepUp } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(SupportConsolePageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    // The step-up prompt is a dialog: it is found in the overlay container, outside the page's element.
    const testId = (id: string) =>
      (id === 'step-up' ? document : el).querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const button = (text: string, within: ParentNode = el) =>
      [...within.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent?.trim() === text);
    const type = (field: HTMLInputElement | HTMLTextAreaElement, value: string) => {
      field.value = value;
      field.dispatchEvent(new Event('input'));
    };
    return { fixture, el, testId, button, type };
  }

  it('shows an agent the search and their requests, and no queue', async () => {
    as('helpdesk-agent');
    support.mine.mockResolvedValue([grant({ status: 'pending' })]);
    const { el, testId } = await render();
    expect(el.querySelector('ma-support-agent-search')).not.toBeNull();
    expect(testId('my-requests')?.textContent).toContain('CM-10001 Bakkerij De Vries');
    expect(testId('my-requests')?.textContent).toContain('Waiting');
    expect(testId('supervisor-queue')).toBeNull();
    expect(support.queue).not.toHaveBeenCalled();
  });

  it('shows a supervisor only the queue', async () => {
    as('helpdesk-supervisor');
    support.queue.mockResolvedValue([grant({ status: 'pending', reason: 'security' })]);
    const { el, testId } = await render();
    expect(el.querySelector('ma-support-agent-search')).toBeNull();
    expect(testId('my-requests')).toBeNull();
    expect(testId('supervisor-queue')?.textContent).toContain('Your invoice went to the old address.');
    expect(support.mine).not.toHaveBeenCalled();
  });

  it('sends the request the agent wrote for the chosen account, then closes the form and reloads the list', async () => {
    as('helpdesk-agent');
    const { fixture, el, testId, button, type } = await render();
    type(el.querySelector('ma-support-agent-search input') as HTMLInputElement, 'CM-10001');
    button('Search')[0].click();
    await settle(fixture);
    expect(support.search).toHaveBeenCalledWith('CM-10001');
    testId('account-CM-10001')?.click();
    await settle(fixture);
    const inputs = el.querySelectorAll<HTMLInputElement>('ma-support-agent-search input');
    type(inputs[1], 'T-42');
    type(el.querySelector('ma-support-agent-search textarea') as HTMLTextAreaElement, 'Why I ask.');
    support.mine.mockResolvedValue([grant({ status: 'pending' })]);
    testId('send-request')?.click();
    await settle(fixture);

    expect(support.request).toHaveBeenCalledWith({
      accountId: 'a-1',
      reason: 'service',
      ticket: 'T-42',
      justification: 'Why I ask.',
      scopes: ['billing:read'],
      minutes: 60,
    });
    expect(testId('send-request')).toBeNull();
    expect(testId('my-requests')?.textContent).toContain('Waiting');
  });

  it('opens the support view with what the grant reads, and shows a refused refresh in the one alert', async () => {
    as('helpdesk-agent');
    support.mine.mockResolvedValue([grant()]);
    const { fixture, testId } = await render();
    testId('open-support-view')?.click();
    await settle(fixture);
    expect(support.billing).toHaveBeenCalledWith('a-1');
    expect(support.profiles).not.toHaveBeenCalled();
    expect(testId('support-view')?.textContent).toContain('Support view of CM-10001');
    expect(testId('support-company')?.textContent).toBe('Bakkerij De Vries B.V.');

    support.billing.mockRejectedValueOnce(refused({ type: PROBLEM_TYPES.noGrant, title: 'No grant', status: 403 }));
    testId('refresh-support-view')?.click();
    await settle(fixture);
    expect(testId('support-error')?.textContent?.trim()).toBe('No active access for this; request it first.');
    expect(testId('support-view')).toBeNull();
  });

  it('closes a grant with the note the agent wrote, and the note form goes away', async () => {
    as('helpdesk-agent');
    support.mine.mockResolvedValue([grant()]);
    const { fixture, el, button, type } = await render();
    button('Close')[0].click();
    await settle(fixture);
    type(el.querySelector('ma-support-my-grants textarea') as HTMLTextAreaElement, 'Fixed the address.');
    support.mine.mockResolvedValue([grant({ status: 'closed' })]);
    button('Close').at(-1)?.click();
    await settle(fixture);
    expect(support.close).toHaveBeenCalledWith('g-1', 'Fixed the address.');
    expect(el.querySelector('ma-support-my-grants textarea')).toBeNull();
  });

  it('asks the supervisor for a code when approving needs one, then approves the same request', async () => {
    as('helpdesk-supervisor');
    support.queue.mockResolvedValueOnce([grant({ status: 'pending' })]).mockResolvedValue([]);
    support.decide.mockRejectedValueOnce(
      refused({ type: PROBLEM_TYPES.stepUpRequired, title: 'Confirm', status: 403 }),
    );
    const { fixture, el, testId } = await render();
    testId('supervisor-approve')?.click();
    await settle(fixture);
    expect(testId('support-error')).toBeNull();
    const prompt = testId('step-up');
    expect(prompt).not.toBeNull();
    const input = prompt?.querySelector('input') as HTMLInputElement;
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    prompt?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle(fixture);
    await settle(fixture);

    expect(stepUp).toHaveBeenCalledWith({ code: '123456' });
    expect(support.decide).toHaveBeenCalledTimes(2);
    expect(support.decide).toHaveBeenLastCalledWith('g-1', true);
    expect(testId('step-up')).toBeNull();
    expect(el.textContent).toContain('No requests waiting.');
  });

  it('shows the supervisor the whole request, proposes what was asked, and sends only the narrowing', async () => {
    as('helpdesk-supervisor');
    support.queue
      .mockResolvedValueOnce([
        grant({ status: 'pending', reason: 'security', scopes: ['billing:read', 'profile:read'], minutes: 60 }),
      ])
      .mockResolvedValue([]);
    const { fixture, el, testId } = await render();
    const request = el.querySelector('ma-support-queue-request') as HTMLElement;
    expect(request.textContent).toContain('T-42');
    expect(request.textContent).toContain('Your invoice went to the old address.');
    expect(testId('queue-asked')?.textContent).toContain('billing:read');
    const minutes = request.querySelector('input[type="number"]') as HTMLInputElement;
    expect(minutes.value).toBe('60');
    minutes.value = '20';
    minutes.dispatchEvent(new Event('input'));
    request.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[1].click();
    await settle(fixture);
    testId('supervisor-approve')?.click();
    await settle(fixture);
    expect(support.decide).toHaveBeenCalledWith('g-1', true, { scopes: ['billing:read'], minutes: 20 });
  });

  it('shows a refused denial’s message at the reason field, then denies with the reason and lists the decision', async () => {
    as('helpdesk-supervisor');
    support.queue.mockResolvedValue([grant({ status: 'pending', reason: 'availability' })]);
    support.decide.mockRejectedValueOnce(
      refused({
        type: PROBLEM_TYPES.validation,
        title: 'Invalid',
        status: 422,
        errors: [{ field: 'reason', code: 'required', message: 'Say why: the agent reads this' }],
      }),
    );
    const { fixture, el, testId } = await render();
    testId('supervisor-deny')?.click();
    await settle(fixture);
    expect(support.decide).toHaveBeenCalledWith('g-1', false, {});
    expect(el.querySelector('ma-support-queue-request mat-error')?.textContent).toContain('Say why');

    const reason = testId('deny-reason') as HTMLTextAreaElement;
    reason.value = 'No outage on record';
    reason.dispatchEvent(new Event('input'));
    support.queue.mockResolvedValue([]);
    support.decided.mockResolvedValue([
      grant({ status: 'denied', reason: 'availability', decidedBy: 'Sam', denyReason: 'No outage on record' }),
    ]);
    testId('supervisor-deny')?.click();
    await settle(fixture);
    expect(support.decide).toHaveBeenLastCalledWith('g-1', false, { reason: 'No outage on record' });
    expect(testId('supervisor-decided')?.textContent).toContain('No outage on record');
  });

  it('reads the agent’s list again while a request waits, shows the decision and its reason, then stops', async () => {
    as('helpdesk-agent');
    support.mine
      .mockResolvedValueOnce([grant({ status: 'pending' })])
      .mockResolvedValue([grant({ status: 'denied', decidedBy: 'Sam', denyReason: 'No outage on record' })]);
    const { fixture, testId } = await render();
    // No reload: the poll (every 10 ms here) brings the decision.
    for (let wait = 0; wait < 100 && !testId('deny-reason-shown'); wait++) await settle(fixture);
    expect(testId('deny-reason-shown')?.textContent).toContain('No outage on record');
    const calls = support.mine.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(support.mine.mock.calls.length).toBe(calls);
  });
});
