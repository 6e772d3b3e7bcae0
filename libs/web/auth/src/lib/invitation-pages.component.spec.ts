import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type InvitationPreview, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { AuthLinksStore, LanguageService, SessionStore, TenantStore } from '@mijn-account/web-core';
import { InvitationPageComponent } from './invitation-page.component';
import { SignUpPageComponent } from './sign-up-page.component';

const en = {
  roles: { member: 'Member', 'helpdesk-agent': 'Helpdesk agent', finance: 'Finance' },
  problems: { 'link-used': 'This link was already used.' },
  password: {
    new: 'New password',
    invitation: {
      title: 'Accept your invitation',
      submit: 'Activate account',
      toAccount: '{{ inviter }} invited you to {{ account }} (role: {{ role }}).',
      toStaff: '{{ inviter }} invited you to the staff of {{ tenant }} (roles: {{ roles }}).',
      for: 'For {{ name }} ({{ email }}).',
    },
  },
  signUp: {
    title: 'Create an account with {{ tenant }}',
    password: 'Choose a password',
    closed: { title: '{{ tenant }} opens accounts by invitation only.' },
  },
};

const MEMBER: InvitationPreview = {
  email: 'sam@example.com',
  displayName: 'Sam',
  invitedBy: 'Eva de Vries',
  accountName: 'Bakkerij De Vries',
  accountRole: 'member',
  staffRoles: [],
};

describe('the invitation and sign-up pages', () => {
  const links = { previewInvitation: jest.fn(), acceptInvitation: jest.fn(), signUp: jest.fn() };
  const session = { started: jest.fn(), options: jest.fn() };

  beforeEach(() => {
    Object.values(links).forEach((f) => f.mockReset());
    Object.values(session).forEach((f) => f.mockReset());
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthLinksStore, useValue: links },
        { provide: SessionStore, useValue: session },
        { provide: TenantStore, useValue: { displayName: () => 'CallMonkey', tenant: () => null } },
      ],
    });
  });

  async function render<T>(component: new (...args: never[]) => T, token = 't'.repeat(43)) {
    const fixture = TestBed.createComponent(component);
    if (component === (InvitationPageComponent as unknown)) fixture.componentRef.setInput('token', token);
    fixture.detectChanges();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('says who invited whom to which account, as what; accepting signs in and opens the home', async () => {
    links.previewInvitation.mockResolvedValue(MEMBER);
    links.acceptInvitation.mockResolvedValue(undefined);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, el } = await render(InvitationPageComponent);
    expect(links.previewInvitation).toHaveBeenCalledWith('t'.repeat(43));
    expect(el.querySelector('[data-testid="invitation-who"]')?.textContent?.trim()).toBe(
      'Eva de Vries invited you to Bakkerij De Vries (role: Member).',
    );
    expect(el.querySelector('[data-testid="invitation-for"]')?.textContent?.trim()).toBe('For Sam (sam@example.com).');

    const input = el.querySelector<HTMLInputElement>('input[type=password]') as HTMLInputElement;
    input.value = 'a long sentence';
    input.dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
    expect(links.acceptInvitation).toHaveBeenCalledWith('t'.repeat(43), 'a long sentence');
    expect(session.started).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('/account');
  });

  it('names the staff roles of a staff invitation', async () => {
    links.previewInvitation.mockResolvedValue({
      ...MEMBER,
      accountName: null,
      accountRole: null,
      staffRoles: ['helpdesk-agent', 'finance'],
    });
    TestBed.inject(LanguageService).show('en');
    const { el } = await render(InvitationPageComponent);
    expect(el.querySelector('[data-testid="invitation-who"]')?.textContent?.trim()).toBe(
      'Eva de Vries invited you to the staff of CallMonkey (roles: Helpdesk agent and Finance).',
    );
  });

  it('a used link says so and offers no password field', async () => {
    links.previewInvitation.mockRejectedValue(
      new HttpErrorResponse({
        status: 410,
        error: { type: PROBLEM_TYPES.linkUsed, title: 'Used', status: 410 },
      }),
    );
    const { el } = await render(InvitationPageComponent);
    expect(el.querySelector('[data-testid="invitation-error"]')?.textContent?.trim()).toBe(
      'This link was already used.',
    );
    expect(el.querySelector('input[type=password]')).toBeNull();
  });

  it('sign-up on an invitation-only portal says so instead of showing a form', async () => {
    session.options.mockResolvedValue({ selfSignUp: false, providers: [] });
    const { el } = await render(SignUpPageComponent);
    expect(el.querySelector('[data-testid="sign-up-closed"]')?.textContent).toContain(
      'CallMonkey opens accounts by invitation only.',
    );
    expect(el.querySelector('form')).toBeNull();
  });

  it('sign-up where anyone may sign up shows the form', async () => {
    session.options.mockResolvedValue({ selfSignUp: true, providers: [] });
    const { el } = await render(SignUpPageComponent);
    expect(el.querySelector('[data-testid="sign-up-closed"]')).toBeNull();
    expect(el.querySelector('form input[type=password]')).not.toBeNull();
  });
});
