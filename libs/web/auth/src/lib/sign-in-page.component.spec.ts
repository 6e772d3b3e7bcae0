import { HttpErrorResponse } from '@angular/common/http';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { SignInOptions, SignInResponse } from '@mijn-account/shared-contracts';
import { ReturnToStore, SessionStore } from '@mijn-account/web-core';
import { SignInPageComponent } from './sign-in-page.component';

const en = {
  signIn: {
    title: 'Sign in to {{ tenant }}',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    failed: 'The e-mail address or password is incorrect.',
    unavailable: 'Try again later.',
    emailInvalid: 'Enter a valid e-mail address',
    passwordRequired: 'Enter your password',
    codeIntro: 'Enter the code',
    code: 'Code',
    verify: 'Verify',
    wrongCode: 'Wrong code.',
    codeAttemptsUsed: 'Too many wrong codes. Sign in again.',
    with: { google: 'Sign in with Google' },
    signUp: 'Create an account',
    forgot: 'Forgot?',
  },
};

describe('SignInPageComponent', () => {
  const signIn = jest.fn<Promise<SignInResponse>, [unknown]>();
  const secondFactor = jest.fn<Promise<SignInResponse>, [unknown]>();
  const options = jest.fn<Promise<SignInOptions>, []>();

  beforeEach(() => {
    signIn.mockReset();
    secondFactor.mockReset();
    options.mockResolvedValue({ selfSignUp: true, providers: ['google'] });
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'] },
        }),
      ],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: SessionStore, useValue: { signIn, secondFactor, options } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(SignInPageComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const input = (type: string) => element.querySelector<HTMLInputElement>(`input[type=${type}]`) as HTMLInputElement;
    const fill = (type: string, value: string) => {
      input(type).value = value;
      input(type).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
      await fixture.whenStable();
    };
    return { fixture, element, fill, submit };
  }

  it('does not call the server with an invalid form, and shows field errors', async () => {
    const { element, fill, submit } = await render();
    fill('email', 'not an address');
    await submit();
    expect(signIn).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Enter a valid e-mail address');
    expect(element.textContent).toContain('Enter your password');
  });

  it('signs in and goes to the account page', async () => {
    const { fill, submit } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    signIn.mockResolvedValue({ status: 'signed-in' });
    fill('email', 'eva@example.com');
    fill('password', 'secret');
    await submit();
    expect(signIn).toHaveBeenCalledWith({ email: 'eva@example.com', password: 'secret' });
    expect(navigate).toHaveBeenCalledWith('/account');
  });

  it('returns to the deep link asked for before signing in', async () => {
    TestBed.inject(ReturnToStore).remember('/account/billing');
    const { fill, submit } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    signIn.mockResolvedValue({ status: 'signed-in' });
    fill('email', 'eva@example.com');
    fill('password', 'secret');
    await submit();
    expect(navigate).toHaveBeenCalledWith('/account/billing');
  });

  it('shows one message for a refused sign-in, announced to screen readers', async () => {
    const { element, fill, submit } = await render();
    signIn.mockRejectedValue(
      new HttpErrorResponse({ status: 401, error: { status: 401, title: 'Sign-in failed', type: 'x' } }),
    );
    fill('email', 'eva@example.com');
    fill('password', 'wrong');
    await submit();
    const alert = element.querySelector('[role=alert]');
    expect(alert?.textContent?.trim()).toBe('The e-mail address or password is incorrect.');
  });

  it('asks for a code when two-factor is on, then signs in with it', async () => {
    const { element, fill, submit, fixture } = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    signIn.mockResolvedValue({ status: 'second-factor', challenge: 'c1' });
    fill('email', 'eva@example.com');
    fill('password', 'secret');
    await submit();
    expect(navigate).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Enter the code');
    secondFactor.mockResolvedValue({ status: 'signed-in' });
    const code = element.querySelector<HTMLInputElement>('input[autocomplete=one-time-code]') as HTMLInputElement;
    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    await submit();
    await fixture.whenStable();
    expect(secondFactor).toHaveBeenCalledWith({ challenge: 'c1', code: '123456' });
    expect(navigate).toHaveBeenCalledWith('/account');
  });

  it('starts again with the password when the code step is used up (410)', async () => {
    const { element, fill, submit, fixture } = await render();
    signIn.mockResolvedValue({ status: 'second-factor', challenge: 'c1' });
    fill('email', 'eva@example.com');
    fill('password', 'secret');
    await submit();
    secondFactor.mockRejectedValue(
      new HttpErrorResponse({
        status: 410,
        error: { type: 'https://mijn-account.dev/problems/link-used', status: 410, title: 'Used' },
      }),
    );
    const code = element.querySelector<HTMLInputElement>('input[autocomplete=one-time-code]') as HTMLInputElement;
    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    await submit();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('Too many wrong codes. Sign in again.');
    expect(element.querySelector('input[type=password]')).not.toBeNull();
  });

  it('offers the providers and the sign-up link the portal has switched on', async () => {
    const { element, fixture } = await render();
    await options.mock.results[0].value;
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid=sign-in-google]')?.getAttribute('href')).toBe('/api/auth/google/start');
    expect(element.querySelector('[data-testid=sign-up-link]')).not.toBeNull();
  });
});
