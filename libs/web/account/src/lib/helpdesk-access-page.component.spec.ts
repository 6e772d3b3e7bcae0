import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { AccessGrantView, MeResponse } from '@mijn-account/shared-contracts';
import {
  type AccessLogEvent,
  type AccessLogView,
  HelpdeskAccessStore,
  SessionStore,
  TenantStore,
} from '@mijn-account/web-core';
import { HelpdeskAccessPageComponent } from './helpdesk-access-page.component';

const en = {
  helpdesk: {
    approve: 'Approve',
    deny: 'Deny',
    unchanged: 'Nobody has changed this log.',
    howWeKnow: 'How we know',
    intact: 'The log is intact: {{ events }} events checked, {{ checkpoints }} signed checkpoints valid.',
    deniedBy: 'Denied by {{ name }}',
    reasons: { service: 'Service question', availability: 'Technical: availability' },
    statuses: { denied: 'Denied', pending: 'Waiting' },
    outcomes: { allowed: 'allowed' },
    actions: { read: 'viewed', 'request-denied': 'request denied' },
    resources: { profiles: 'profiles' },
    scopes: { 'profile:read': 'View profiles', 'billing:read': 'View billing details' },
    fields: { name: 'name', email: 'e-mail address' },
  },
};

const grant = (over: Partial<AccessGrantView>): AccessGrantView =>
  ({
    id: 'g-1',
    accountId: 'a-1',
    requestedBy: 'Agent Smith',
    reason: 'service',
    ticket: 'T-42',
    justification: 'Your invoice went to the old address.',
    scopes: ['billing:read'],
    minutes: 45,
    status: 'pending',
    requestedAt: '2026-11-28T10:00:00Z',
    decidedBy: null,
    denyReason: null,
    closeNote: null,
    ...over,
  }) as AccessGrantView;

const event = (over: Partial<AccessLogEvent>): AccessLogEvent => ({
  id: 'e-1',
  seq: 1,
  at: '2026-11-28T10:05:00Z',
  actorName: 'Agent Smith',
  actorKind: 'staff',
  action: 'read',
  resource: 'profiles',
  fields: [],
  outcome: 'allowed',
  reason: 'service',
  ticket: 'T-42',
  ip: null,
  hash: null,
  ...over,
});

/** The subscriber's helpdesk page: decisions in plain view, the log in plain words. */
describe('HelpdeskAccessPageComponent', () => {
  let store: { requests: jest.Mock; log: jest.Mock; approve: jest.Mock; deny: jest.Mock; exportUrl: jest.Mock };

  function withLog(events: AccessLogEvent[]): AccessLogView {
    return {
      events,
      verification: {
        intact: true,
        events: events.length,
        unsealed: 0,
        firstBroken: null,
        checkpoints: { total: 0, valid: 0 },
      },
    };
  }

  beforeEach(() => {
    store = {
      requests: jest.fn().mockResolvedValue([]),
      log: jest.fn().mockResolvedValue(withLog([])),
      approve: jest.fn().mockResolvedValue(grant({ status: 'active' })),
      deny: jest.fn().mockResolvedValue(grant({ status: 'denied' })),
      exportUrl: jest.fn().mockReturnValue('/export'),
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
        { provide: HelpdeskAccessStore, useValue: store },
        {
          provide: SessionStore,
          useValue: {
            me: signal({ account: { role: 'owner' }, user: {} } as unknown as MeResponse),
            stepUp: jest.fn(),
          },
        },
        { provide: TenantStore, useValue: { tenant: signal(null) } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(HelpdeskAccessPageComponent);
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    return { fixture, el, testId: (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`) };
  }

  it('says in plain words that nobody changed the log, with the checks behind a disclosure', async () => {
    const { testId } = await render();
    const verification = testId('log-verification');
    expect(verification?.querySelector('strong')?.textContent?.trim()).toBe('Nobody has changed this log.');
    const details = testId('log-verification-details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent?.trim()).toBe('How we know');
    expect(details.textContent).toContain('signed checkpoints valid');
  });

  it('names the fields read in words, and shows a denial as denied, with its reason, in the log and the history', async () => {
    store.requests.mockResolvedValue([
      grant({ status: 'denied', reason: 'availability', decidedBy: 'Sam', denyReason: 'No outage on record' }),
    ]);
    store.log.mockResolvedValue(
      withLog([
        event({ fields: ['name', 'email'] }),
        event({
          id: 'e-2',
          action: 'request-denied',
          resource: 'access-grant',
          fields: ['profile:read'],
          outcome: null,
          reason: 'availability: No outage on record',
        }),
      ]),
    );
    const { testId } = await render();
    const rows = [...(testId('access-log')?.querySelectorAll('tbody tr') ?? [])].map((r) =>
      (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    expect(rows[0]).toContain('viewed · profiles (name, e-mail address)');
    expect(rows[0]).toContain('allowed');
    expect(rows[1]).toContain('request denied (View profiles)');
    expect(rows[1]).toContain('Denied');
    expect(rows[1]).toContain('Technical: availability: No outage on record');
    expect(rows[1]).not.toContain('allowed');
    const history = (testId('grant-history')?.textContent ?? '').replace(/\s+/g, ' ');
    expect(history).toContain('Denied');
    expect(history).toContain('Denied by Sam: No outage on record');
  });

  it('proposes the minutes asked for, and denies with the owner’s reason', async () => {
    store.requests.mockResolvedValue([grant({})]);
    const { el, testId, fixture } = await render();
    const minutes = testId('pending-request')?.querySelector('input[type="number"]') as HTMLInputElement;
    await fixture.whenStable();
    expect(minutes.value).toBe('45');
    const reason = testId('pending-request')?.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = 'We solved it by phone';
    reason.dispatchEvent(new Event('input'));
    testId('deny')?.click();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
    expect(store.deny).toHaveBeenCalledWith('g-1', 'We solved it by phone');
    expect(el).toBeTruthy();
  });
});
