import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { PROBLEM_TYPES, type Profile } from '@mijn-account/shared-contracts';
import { AccountDetailsStore, LanguageService, type SaveResult, SessionStore } from '@mijn-account/web-core';
import { ProfilePageComponent } from './profile-page.component';
import { settle } from '@mijn-account/web-testing';

const en = {
  problems: { validation: 'Some fields need another look.' },
  details: { save: 'Save', conflict: { apply: 'Apply mine', keep: 'Keep theirs' } },
  notices: { details: { saved: 'Saved.' } },
  fields: { phone: 'Phone', displayName: 'Name' },
  profile: {
    emailAt: 'Your e-mail address is {{ email }}.',
    phoneHint: 'As you dial it in {{country}}, or with + and the country code',
  },
};
const EVA: Profile = {
  email: 'eva@example.com',
  displayName: 'Eva de Vries',
  phone: '+31612345678',
  preferredLanguage: 'nl',
  timeZone: 'Europe/Amsterdam',
  phoneCountry: 'CA',
} as Profile;

describe('ProfilePageComponent', () => {
  let saveProfile: jest.Mock<Promise<SaveResult<Profile>>, [unknown, string]>;
  let refresh: jest.Mock;
  let useLanguage: jest.Mock;

  beforeEach(() => {
    saveProfile = jest.fn();
    refresh = jest.fn();
    useLanguage = jest.fn();
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
          provide: AccountDetailsStore,
          useValue: {
            loadProfile: jest.fn().mockResolvedValue({ value: EVA, etag: '"1"' }),
            profileHistory: jest.fn().mockResolvedValue([]),
            saveProfile,
          },
        },
        {
          provide: SessionStore,
          useValue: { me: signal({ user: { kind: 'subscriber', preferredLanguage: 'nl' } }), refresh },
        },
        { provide: LanguageService, useValue: { language: signal('en'), use: useLanguage } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(ProfilePageComponent);
    await settle(fixture);
    const el: HTMLElement = fixture.nativeElement;
    const input = (name: string) =>
      el.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`) as HTMLInputElement;
    const type = (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await settle(fixture);
    };
    return { fixture, el, input, type, submit };
  }

  it('fills the form with the loaded profile', async () => {
    const { el, input } = await render();
    expect(input('displayName').value).toBe('Eva de Vries');
    expect(input('phone').value).toBe('+31612345678');
    expect(el.textContent).toContain('Your e-mail address is eva@example.com.');
  });

  it('names the country a number without + is read in (issue 16)', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid=phone-hint]')?.textContent?.trim()).toBe(
      'As you dial it in Canada, or with + and the country code',
    );
  });

  it('offers the time zones whose name holds what was typed, to pick one', async () => {
    const { fixture, input, type } = await render();
    type('timeZone', 'new york');
    input('timeZone').dispatchEvent(new Event('focusin'));
    fixture.detectChanges();
    await fixture.whenStable();
    const options = [...document.querySelectorAll('mat-option')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['America/New York']);
    document.querySelector<HTMLElement>('mat-option')?.click();
    expect(input('timeZone').value).toBe('America/New_York');
  });

  it('does not send a form without a name, and marks the name invalid', async () => {
    const { input, type, submit } = await render();
    type('displayName', '');
    await submit();
    expect(saveProfile).not.toHaveBeenCalled();
    expect(input('displayName').closest('mat-form-field')?.classList).toContain('mat-form-field-invalid');
  });

  it('saves what was typed with the loaded version, empty fields as null, and says so', async () => {
    saveProfile.mockResolvedValue({ status: 'saved', saved: { value: { ...EVA, phone: null }, etag: '"2"' } });
    const { type, submit } = await render();
    type('phone', '');
    await submit();
    expect(saveProfile).toHaveBeenCalledWith(
      { displayName: 'Eva de Vries', phone: null, preferredLanguage: 'nl', timeZone: 'Europe/Amsterdam' },
      '"1"',
    );
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain('Saved.');
  });

  it('shows the portal in a newly chosen language at once, and leaves the language alone when it did not change', async () => {
    saveProfile.mockResolvedValue({ status: 'saved', saved: { value: EVA, etag: '"2"' } });
    refresh.mockResolvedValue({ user: { kind: 'subscriber', preferredLanguage: 'nl' } });
    const { type, submit } = await render();
    type('phone', '+31612345679');
    await submit();
    expect(useLanguage).not.toHaveBeenCalled();
    refresh.mockResolvedValue({ user: { kind: 'subscriber', preferredLanguage: 'en' } });
    type('phone', '+31612345670');
    await submit();
    expect(useLanguage).toHaveBeenCalledWith('en');
  });

  it("shows the server's field error under its field, and the alert above", async () => {
    saveProfile.mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: PROBLEM_TYPES.validation,
          title: 'Invalid',
          status: 422,
          errors: [{ field: 'phone', code: 'isPhoneNumber', message: 'Not a valid phone number' }],
        },
      }),
    );
    const { el, type, submit } = await render();
    type('phone', '12');
    await submit();
    const phoneField = el.querySelector('input[formcontrolname="phone"]')?.closest('mat-form-field');
    expect(phoneField?.querySelector('mat-error')?.textContent?.trim()).toBe('Not a valid phone number');
    expect(el.querySelectorAll('mat-error')).toHaveLength(1);
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Some fields need another look.');
    expect(document.querySelector('mat-snack-bar-container')).toBeNull();
  });

  it('on a conflict shows both versions, and "apply mine" saves my field on top of theirs with their version', async () => {
    const theirs = { ...EVA, timeZone: 'Europe/London' };
    saveProfile
      .mockResolvedValueOnce({ status: 'conflict', current: { value: theirs, etag: '"5"' } })
      .mockResolvedValueOnce({ status: 'saved', saved: { value: { ...theirs, phone: '+31600000000' }, etag: '"6"' } });
    const { el, type, submit, fixture } = await render();
    type('phone', '+31600000000');
    await submit();
    const conflict = el.querySelector('[data-testid="conflict"]');
    expect(conflict?.textContent).toContain('+31600000000');

    el.querySelector<HTMLButtonElement>('[data-testid="apply-mine"]')?.click();
    await settle(fixture);
    expect(saveProfile).toHaveBeenLastCalledWith(
      { displayName: 'Eva de Vries', phone: '+31600000000', preferredLanguage: 'nl', timeZone: 'Europe/London' },
      '"5"',
    );
    expect(el.querySelector('[data-testid="conflict"]')).toBeNull();
    expect(document.querySelector('mat-snack-bar-container')).not.toBeNull();
  });
});
