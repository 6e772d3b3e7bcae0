import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { type AccessSettings, PROBLEM_TYPES, type ProblemDetails } from '@mijn-account/shared-contracts';
import { AdminStore, SessionStore } from '@mijn-account/web-core';
import { AccessSettingsPageComponent } from './access-settings-page.component';

const en = {
  problems: { validation: 'Some fields need another look.', unavailable: 'Something went wrong.' },
  admin: { access: { saved: 'Saved.' }, signIn: { save: 'Save' } },
  security: { cancel: 'Cancel', stepUp: { title: 'Confirm it is you', code: 'Code', submit: 'Confirm' } },
};
const settings: AccessSettings = {
  maxMinutes: 240,
  defaultMinutes: 60,
  requestTimeoutHours: 72,
  allowedScopes: ['billing:read'],
};
const refused = (problem: ProblemDetails) => new HttpErrorResponse({ status: problem.status, error: problem });

/** The page runs its actions through ActionRunner and shows its problem with ma-problem-alert. */
describe('AccessSettingsPageComponent', () => {
  const saveAccessSettings = jest.fn<Promise<void>, [AccessSettings]>();
  const stepUp = jest.fn<Promise<void>, [unknown]>();

  beforeEach(() => {
    saveAccessSettings.mockReset();
    stepUp.mockReset().mockResolvedValue(undefined);
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'] },
        }),
      ],
      providers: [
        provideNoopAnimations(),
        {
          provide: AdminStore,
          useValue: { accessSettings: jest.fn().mockResolvedValue(settings), saveAccessSettings },
        },
        { provide: SessionStore, useValue: { stepUp } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(AccessSettingsPageComponent);
    const settle = async () => {
      await fixture.whenStable();
      fixture.detectChanges();
    };
    await settle();
    const el: HTMLElement = fixture.nativeElement;
    const save = async () => {
      el.querySelector<HTMLButtonElement>('[data-testid="save-access-settings"]')?.click();
      await settle();
    };
    return { el, save, settle };
  }

  it('fills the form with the current settings', async () => {
    const { el } = await render();
    const numbers = [...el.querySelectorAll<HTMLInputElement>('input[type="number"]')].map((i) => i.value);
    expect(numbers).toEqual(['240', '60', '72']);
    const checked = [...el.querySelectorAll('mat-checkbox')].map((c) => c.querySelector('input')?.checked);
    expect(checked.filter(Boolean)).toHaveLength(1);
  });

  it('does not save with an empty number, and marks that field', async () => {
    const { el, save } = await render();
    const max = el.querySelector<HTMLInputElement>('input[type="number"]') as HTMLInputElement;
    max.value = '';
    max.dispatchEvent(new Event('input'));
    await save();
    expect(saveAccessSettings).not.toHaveBeenCalled();
    expect(max.closest('mat-form-field')?.classList).toContain('mat-form-field-invalid');
  });

  it('sends the scopes as ticked, and shows a scopes error below them', async () => {
    saveAccessSettings.mockRejectedValueOnce(
      refused({
        type: PROBLEM_TYPES.validation,
        title: 'The request has invalid fields',
        status: 422,
        errors: [{ field: 'allowedScopes', code: 'arrayNotEmpty', message: 'Allow at least one scope' }],
      }),
    );
    const { el, save, settle } = await render();
    el.querySelector<HTMLInputElement>('mat-checkbox input:checked')?.click();
    await settle();
    await save();
    expect(saveAccessSettings).toHaveBeenCalledWith({ ...settings, allowedScopes: [] });
    expect(el.querySelector('fieldset .error')?.textContent?.trim()).toBe('Allow at least one scope');
  });

  it('saves nothing when the step-up is cancelled', async () => {
    saveAccessSettings.mockRejectedValueOnce(
      refused({ type: PROBLEM_TYPES.stepUpRequired, title: 'Confirm', status: 403 }),
    );
    const { save, settle } = await render();
    await save();
    [...document.querySelectorAll<HTMLButtonElement>('[data-testid="step-up"] button')]
      .find((b) => b.textContent?.trim() === 'Cancel')
      ?.click();
    await settle();
    expect(document.querySelector('[data-testid="step-up"]')).toBeNull();
    expect(stepUp).not.toHaveBeenCalled();
    expect(saveAccessSettings).toHaveBeenCalledTimes(1);
    expect(document.querySelector('mat-snack-bar-container')).toBeNull();
  });

  it('shows a refused save as an alert in the user language, with the field error under its field', async () => {
    saveAccessSettings.mockRejectedValueOnce(
      refused({
        type: PROBLEM_TYPES.validation,
        title: 'The request has invalid fields',
        status: 422,
        errors: [{ field: 'maxMinutes', code: 'max', message: 'At most 1440 minutes' }],
      }),
    );
    const { el, save } = await render();
    expect(el.querySelector('[role="alert"]')).toBeNull();

    await save();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Some fields need another look.');
    expect(el.querySelector('mat-error')?.textContent?.trim()).toBe('At most 1440 minutes');
    expect(document.querySelector('mat-snack-bar-container')).toBeNull();
  });

  it('asks for a code when the server wants a step-up, then saves the same settings and says so', async () => {
    saveAccessSettings
      .mockRejectedValueOnce(refused({ type: PROBLEM_TYPES.stepUpRequired, title: 'Confirm', status: 403 }))
      .mockResolvedValueOnce(undefined);
    const { el, save, settle } = await render();

    await save();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    const prompt = document.querySelector('[data-testid="step-up"]');
    expect(prompt).not.toBeNull();

    const input = prompt?.querySelector('input') as HTMLInputElement;
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    prompt?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
    await settle();

    expect(stepUp).toHaveBeenCalledWith({ code: '123456' });
    expect(saveAccessSettings).toHaveBeenCalledTimes(2);
    expect(saveAccessSettings.mock.calls[1][0]).toEqual(settings);
    expect(document.querySelector('[data-testid="step-up"]')).toBeNull();
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain('Saved.');
  });
});
