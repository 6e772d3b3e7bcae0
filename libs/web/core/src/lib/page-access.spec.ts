import { TestBed } from '@angular/core/testing';
import {
  type ActivatedRouteSnapshot,
  RedirectCommand,
  Router,
  type RouterStateSnapshot,
  provideRouter,
} from '@angular/router';
import type { MeResponse } from '@mijn-account/shared-contracts';
import { PAGE_RULES, type PageRule, allows, pageAccess } from './page-access';
import { ReturnToStore } from './return-to';
import { SessionStore } from './session.store';

const me = (account: MeResponse['account'], staffRoles: MeResponse['staffRoles'] = [], twoFactorEnabled = true) =>
  ({ user: { id: 'u', twoFactorEnabled }, account, staffRoles }) as unknown as MeResponse;
const owner = me({ id: 'a', customerNumber: 'CM-1', name: 'A', role: 'owner' });
const member = me({ id: 'a', customerNumber: 'CM-1', name: 'A', role: 'member' });
const agent = me(null, ['helpdesk-agent']);
const finance = me(null, ['finance']);

describe('allows', () => {
  it('lets the roles of a rule in, and nobody else', () => {
    expect(allows(owner, PAGE_RULES.owner)).toBe(true);
    expect(allows(member, PAGE_RULES.owner)).toBe(false);
    expect(allows(member, PAGE_RULES.account)).toBe(true);
    expect(allows(agent, PAGE_RULES.account)).toBe(false);
    expect(allows(agent, PAGE_RULES.helpdesk)).toBe(true);
    expect(allows(finance, PAGE_RULES.helpdesk)).toBe(false);
    expect(allows(owner, PAGE_RULES.helpdesk)).toBe(false);
    expect(allows(finance, PAGE_RULES.everyone)).toBe(true);
  });
});

describe('pageAccess', () => {
  let session: { ensureLoaded: jest.Mock };
  let returnTo: { remember: jest.Mock };

  beforeEach(() => {
    session = { ensureLoaded: jest.fn() };
    returnTo = { remember: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SessionStore, useValue: session },
        { provide: ReturnToStore, useValue: returnTo },
      ],
    });
  });

  const check = (rule: PageRule, url: string) =>
    TestBed.runInInjectionContext(() =>
      pageAccess(rule)({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as Promise<unknown>;
  const url = (result: unknown) => TestBed.inject(Router).serializeUrl((result as RedirectCommand).redirectTo);

  it('opens the page for its role', async () => {
    session.ensureLoaded.mockResolvedValue(owner);
    await expect(check(PAGE_RULES.owner, '/account/members')).resolves.toBe(true);
  });

  it('sends the signed-out to sign in, and remembers the page', async () => {
    session.ensureLoaded.mockResolvedValue(null);
    const result = await check(PAGE_RULES.owner, '/account/members');
    expect(TestBed.inject(Router).serializeUrl(result as never)).toBe('/sign-in');
    expect(returnTo.remember).toHaveBeenCalledWith('/account/members');
  });

  it('shows a member the forbidden page in place of the members page, keeping the address', async () => {
    session.ensureLoaded.mockResolvedValue(member);
    const result = await check(PAGE_RULES.owner, '/account/members');
    expect(result).toBeInstanceOf(RedirectCommand);
    expect(url(result)).toBe('/forbidden?reason=role');
    expect((result as RedirectCommand).navigationBehaviorOptions?.browserUrl).toBe('/account/members');
  });

  it('shows a subscriber and staff of another role the forbidden page for their role, two-factor or not', async () => {
    session.ensureLoaded.mockResolvedValue(owner);
    expect(url(await check(PAGE_RULES.helpdesk, '/support'))).toBe('/forbidden?reason=role');
    session.ensureLoaded.mockResolvedValue(me(null, ['finance'], false));
    expect(url(await check(PAGE_RULES.admin, '/admin/staff'))).toBe('/forbidden?reason=role');
  });

  it('shows staff of the role without two-factor the page that leads to setting it up', async () => {
    session.ensureLoaded.mockResolvedValue(me(null, ['helpdesk-agent'], false));
    expect(url(await check(PAGE_RULES.helpdesk, '/support'))).toBe('/forbidden?reason=two-factor');
    session.ensureLoaded.mockResolvedValue(agent);
    await expect(check(PAGE_RULES.helpdesk, '/support')).resolves.toBe(true);
  });
});
