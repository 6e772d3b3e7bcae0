import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { PROBLEM_TYPES, type StaffMember } from '@mijn-account/shared-contracts';
import { AdminStore, SessionStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { StaffPageComponent } from './staff-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  problems: { validation: 'Some fields need another look.', forbidden: 'You may not do that.' },
  account: { name: 'Name', email: 'E-mail address' },
  members: { send: 'Send invitation' },
  admin: { staff: { disable: 'Disable', enable: 'Enable' } },
  roles: { 'helpdesk-agent': 'Helpdesk agent', 'helpdesk-supervisor': 'Helpdesk supervisor' },
};
const AGENT = {
  id: 's-1',
  displayName: 'Agent',
  email: 'agent@example.com',
  roles: ['helpdesk-agent'],
  status: 'active',
  twoFactor: true,
} as StaffMember;

/** Lets the stubbed calls resolve, then renders. */
describe('StaffPageComponent', () => {
  const staff = signal<StaffMember[]>([]);
  let store: {
    staff: typeof staff;
    loadStaff: jest.Mock;
    inviteStaff: jest.Mock;
    setStaffRoles: jest.Mock;
    setStaffDisabled: jest.Mock;
  };
  let confirmation: { confirm: jest.Mock };
  const session = { me: signal({ user: { id: 'me-1' } }), stepUp: jest.fn() };

  beforeEach(() => {
    staff.set([AGENT]);
    store = {
      staff,
      loadStaff: jest.fn().mockResolvedValue(undefined),
      inviteStaff: jest.fn(),
      setStaffRoles: jest.fn(),
      setStaffDisabled: jest.fn(),
    };
    confirmation = { confirm: jest.fn().mockResolvedValue(true) };
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        { provide: AdminStore, useValue: store },
        { provide: SessionStore, useValue: session },
        { provide: ConfirmDialog, useValue: confirmation },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(StaffPageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const field = (label: string) =>
      [...el.querySelectorAll('form mat-form-field')].find(
        (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
      ) as HTMLElement;
    const type = (label: string, value: string) => {
      const input = field(label).querySelector('input') as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      el.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();
      await settle(fixture);
    };
    const checkbox = (within: Element, label: string) =>
      [...within.querySelectorAll('mat-checkbox')]
        .find((c) => c.textContent?.trim() === label)
        ?.querySelector('input') as HTMLInputElement;
    return { fixture, el, field, type, submit, checkbox };
  }

  it('does not invite without a name, and marks the field', async () => {
    const { type, submit, field } = await render();
    type('E-mail address', 'new@example.com');
    await submit();
    expect(store.inviteStaff).not.toHaveBeenCalled();
    expect(field('Name').classList).toContain('mat-form-field-invalid');
  });

  it('invites with the chosen roles, then starts the form afresh with no field shown as wrong', async () => {
    store.inviteStaff.mockResolvedValue(undefined);
    const { el, type, submit, checkbox } = await render();
    type('Name', 'Sam');
    type('E-mail address', 'sam@example.com');
    checkbox(el.querySelector('form') as Element, 'Helpdesk supervisor').click();
    await submit();
    expect(store.inviteStaff).toHaveBeenCalledWith({
      displayName: 'Sam',
      email: 'sam@example.com',
      roles: ['helpdesk-agent', 'helpdesk-supervisor'],
    });
    expect(el.querySelectorAll('form mat-form-field.mat-form-field-invalid')).toHaveLength(0);
  });

  it("shows the server's e-mail error at the e-mail field", async () => {
    store.inviteStaff.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          title: 'Invalid',
          status: 422,
          errors: [{ field: 'email', code: 'isEmail', message: 'Not an e-mail address' }],
        },
      }),
    );
    const { el, type, submit, field } = await render();
    type('Name', 'Sam');
    type('E-mail address', 'sam@example.invalid');
    await submit();
    expect(field('E-mail address').querySelector('mat-error')?.textContent?.trim()).toBe('Not an e-mail address');
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Some fields need another look.');
  });

  it("changes a person's roles, and after a refusal shows the alert and loads the list again", async () => {
    store.setStaffRoles.mockRejectedValue(
      new HttpErrorResponse({ status: 403, error: { type: PROBLEM_TYPES.forbidden, title: 'No', status: 403 } }),
    );
    const { el, fixture, checkbox } = await render();
    store.loadStaff.mockClear();
    checkbox(el.querySelector('[data-testid="staff"]') as Element, 'Helpdesk supervisor').click();
    await settle(fixture);
    expect(store.setStaffRoles).toHaveBeenCalledWith('s-1', ['helpdesk-agent', 'helpdesk-supervisor']);
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('You may not do that.');
    expect(store.loadStaff).toHaveBeenCalledTimes(1);
  });

  it('disables an active person', async () => {
    store.setStaffDisabled.mockResolvedValue(undefined);
    const { el, fixture } = await render();
    [...el.querySelectorAll<HTMLButtonElement>('[data-testid="staff"] button')]
      .find((b) => b.textContent?.trim() === 'Disable')
      ?.click();
    await settle(fixture);
    expect(store.setStaffDisabled).toHaveBeenCalledWith('s-1', true);
  });

  const disableButton = (el: HTMLElement) =>
    [...el.querySelectorAll<HTMLButtonElement>('[data-testid="staff"] button')].find(
      (b) => b.textContent?.trim() === 'Disable',
    );

  it('asks before disabling, naming the person, and disables nobody when the answer is no', async () => {
    confirmation.confirm.mockResolvedValue(false);
    const { el, fixture } = await render();
    disableButton(el)?.click();
    await settle(fixture);
    expect(confirmation.confirm).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'confirm.disableStaff.title',
        params: { name: 'Agent', email: 'agent@example.com' },
        danger: true,
      }),
    );
    expect(store.setStaffDisabled).not.toHaveBeenCalled();
  });

  it('asks before a role change, naming the person and the role; a no changes nothing and unticks the box', async () => {
    const { el, fixture, checkbox } = await render();
    // The page is rendered while the dialog is open (the box shows ticked), then the answer is no.
    confirmation.confirm.mockImplementation(async () => {
      fixture.detectChanges();
      return false;
    });
    const box = checkbox(el.querySelector('[data-testid="staff"]') as Element, 'Helpdesk supervisor');
    box.click();
    await settle(fixture);
    expect(confirmation.confirm).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'confirm.grantRole.title',
        params: { name: 'Agent', role: 'Helpdesk supervisor' },
      }),
    );
    expect(store.setStaffRoles).not.toHaveBeenCalled();
    expect(box.checked).toBe(false);
  });

  it('offers no disable button for oneself', async () => {
    staff.set([AGENT, { ...AGENT, id: 'me-1', displayName: 'Me', email: 'me@example.com' }]);
    const { el } = await render();
    const rows = [...el.querySelectorAll('[data-testid="staff"] tbody tr')];
    expect(rows[0].textContent).toContain('Disable');
    expect(rows[1].textContent).not.toContain('Disable');
    expect(rows[1].querySelector('[data-testid="staff-self"]')).not.toBeNull();
  });

  it('asks for a code when the API wants a fresh proof for a role change, then changes the roles', async () => {
    store.setStaffRoles
      .mockRejectedValueOnce(
        new HttpErrorResponse({
          status: 403,
          error: { type: PROBLEM_TYPES.stepUpRequired, title: 'Confirm', status: 403 },
        }),
      )
      .mockResolvedValueOnce(undefined);
    session.stepUp.mockResolvedValue(undefined);
    const { el, fixture, checkbox } = await render();
    checkbox(el.querySelector('[data-testid="staff"]') as Element, 'Helpdesk supervisor').click();
    await settle(fixture);
    const prompt = document.querySelector('[data-testid="step-up"]') as HTMLElement;
    expect(prompt).not.toBeNull();
    const input = prompt.querySelector('input') as HTMLInputElement;
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    (prompt.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(session.stepUp).toHaveBeenCalledWith({ code: '123456' });
    expect(store.setStaffRoles).toHaveBeenCalledTimes(2);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});
