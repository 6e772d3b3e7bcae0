import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type AccountMember, PROBLEM_TYPES } from '@mijn-account/shared-contracts';
import { MembersStore } from '@mijn-account/web-core';
import { ConfirmDialog } from '@mijn-account/web-ui';
import { MembersPageComponent } from './members-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  problems: { validation: 'Some fields need another look.', 'last-owner': 'An account keeps at least one owner.' },
  account: { name: 'Name', email: 'E-mail address', role: 'Role' },
  members: { send: 'Send invitation', remove: 'Remove' },
};

describe('MembersPageComponent', () => {
  const members = signal<AccountMember[]>([]);
  let store: { members: typeof members; load: jest.Mock; invite: jest.Mock; remove: jest.Mock };
  let confirmation: { confirm: jest.Mock };

  beforeEach(() => {
    members.set([
      { id: 'm-1', displayName: 'Eva', email: 'eva@example.com', role: 'owner', status: 'active' } as AccountMember,
    ]);
    store = { members, load: jest.fn().mockResolvedValue(undefined), invite: jest.fn(), remove: jest.fn() };
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
        { provide: MembersStore, useValue: store },
        { provide: ConfirmDialog, useValue: confirmation },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(MembersPageComponent);
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
    const invalid = () => [...el.querySelectorAll('form mat-form-field.mat-form-field-invalid')];
    return { fixture, el, field, type, submit, invalid };
  }

  it('lists the members', async () => {
    const { el } = await render();
    expect(store.load).toHaveBeenCalled();
    expect(el.querySelector('[data-testid="members"]')?.textContent).toContain('eva@example.com');
  });

  it('does not send an invitation without a valid e-mail address, and marks the field', async () => {
    const { type, submit, field } = await render();
    type('Name', 'Joris');
    type('E-mail address', 'joris');
    await submit();
    expect(store.invite).not.toHaveBeenCalled();
    expect(field('E-mail address').classList).toContain('mat-form-field-invalid');
  });

  it('sends the invitation, then starts the form afresh with no field shown as wrong', async () => {
    store.invite.mockResolvedValue(undefined);
    const { type, submit, field, invalid } = await render();
    type('Name', 'Joris');
    type('E-mail address', 'joris@example.com');
    await submit();
    expect(store.invite).toHaveBeenCalledWith({ displayName: 'Joris', email: 'joris@example.com', role: 'member' });
    expect((field('E-mail address').querySelector('input') as HTMLInputElement).value).toBe('');
    expect(invalid()).toHaveLength(0);
  });

  it("shows the server's e-mail error at the e-mail field, and keeps what was typed", async () => {
    store.invite.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          title: 'Invalid',
          status: 422,
          errors: [{ field: 'email', code: 'isEmail', message: 'Not an e-mail address we can send to' }],
        },
      }),
    );
    const { el, type, submit, field } = await render();
    type('Name', 'Joris');
    type('E-mail address', 'joris@example.invalid');
    await submit();
    expect(field('E-mail address').querySelector('mat-error')?.textContent?.trim()).toBe(
      'Not an e-mail address we can send to',
    );
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Some fields need another look.');
    expect((field('Name').querySelector('input') as HTMLInputElement).value).toBe('Joris');
  });

  it('removes a member by id, and shows a refusal as an alert', async () => {
    store.remove.mockRejectedValue(
      new HttpErrorResponse({
        status: 409,
        error: { type: 'https://mijn-account.dev/problems/last-owner', title: 'Last owner', status: 409 },
      }),
    );
    const { el, fixture } = await render();
    [...el.querySelectorAll<HTMLButtonElement>('[data-testid="members"] button')]
      .find((b) => b.textContent?.trim() === 'Remove')
      ?.click();
    await settle(fixture);
    expect(store.remove).toHaveBeenCalledWith('m-1');
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('An account keeps at least one owner.');
  });

  it('asks before removing, naming the person, and removes nobody when the answer is no', async () => {
    confirmation.confirm.mockResolvedValue(false);
    const { el, fixture } = await render();
    [...el.querySelectorAll<HTMLButtonElement>('[data-testid="members"] button')]
      .find((b) => b.textContent?.trim() === 'Remove')
      ?.click();
    await settle(fixture);
    expect(confirmation.confirm).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'confirm.removeMember.title',
        params: { name: 'Eva', email: 'eva@example.com' },
      }),
    );
    expect(store.remove).not.toHaveBeenCalled();
  });
});
