import { HttpErrorResponse } from '@angular/common/http';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { SessionStore } from '@mijn-account/web-core';
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
  },
};

describe('SignInPageComponent', () => {
  const signIn = jest.fn<Promise<void>, [unknown]>();

  beforeEach(() => {
    signIn.mockReset();
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { en }, translocoConfig: { defaultLang: 'en', availableLangs: ['en'] } })],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: SessionStore, useValue: { signIn } },
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
    signIn.mockResolvedValue(undefined);
    fill('email', 'eva@example.com');
    fill('password', 'secret');
    await submit();
    expect(signIn).toHaveBeenCalledWith({ email: 'eva@example.com', password: 'secret' });
    expect(navigate).toHaveBeenCalledWith('/account');
  });

  it('shows one message for a refused sign-in, announced to screen readers', async () => {
    const { element, fill, submit } = await render();
    signIn.mockRejectedValue(new HttpErrorResponse({ status: 401, error: { status: 401, title: 'Sign-in failed', type: 'x' } }));
    fill('email', 'eva@example.com');
    fill('password', 'wrong');
    await submit();
    const alert = element.querySelector('[role=alert]');
    expect(alert?.textContent?.trim()).toBe('The e-mail address or password is incorrect.');
  });
});
