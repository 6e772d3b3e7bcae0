import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { PROBLEM_TYPES, type StaffMember } from '@mijn-account/shared-contracts';
import { AdminStore } from '@mijn-account/web-core';
import { StaffPageComponent } from './staff-page.component';

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
async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('StaffPageComponent', () => {
  const staff = signal<StaffMember[]>([]);
  let store: {
    staff: typeof staff;
    loadStaff: jest.Mock;
    inviteStaff: jest.Mock;
    setStaffRoles: jest.Mock;
    setStaffDisabled: jest.Mock;
  };

  beforeEach(() => {
    staff.set([AGENT]);
    store = {
      staff,
      loadStaff: jest.fn().mockResolvedValue(undefined),
      inviteStaff: jest.fn(),
      setStaffRoles: jest.fn(),
      setStaffDisabled: jest.fn(),
    };
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [provideNoopAnimations(), { provide: AdminStore, useValue: store }],
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
});
