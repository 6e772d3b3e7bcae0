import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { ProblemDetails } from '@mijn-account/shared-contracts';
import { ProblemAlertComponent } from './problem-alert.component';

describe('ProblemAlertComponent', () => {
  async function render(inputs: { problem?: ProblemDetails | null; key?: string | null; testId?: string | null }) {
    TestBed.configureTestingModule({
      imports: [
        ProblemAlertComponent,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              problems: { 'link-expired': 'This link has expired.', unavailable: 'Something went wrong.' },
              signIn: { failed: 'The e-mail address or password is incorrect.' },
            },
          },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
        }),
      ],
    });
    const fixture = TestBed.createComponent(ProblemAlertComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it("shows the problem's text in the user's language as an alert, with the page's test id", async () => {
    const el = await render({
      problem: { type: 'https://mijn-account.dev/problems/link-expired', title: 'Link expired', status: 410 },
      testId: 'password-error',
    });
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe('This link has expired.');
    expect(alert?.getAttribute('data-testid')).toBe('password-error');
  });

  it('says the generic text for a problem of no known kind, and has no test id unless given one', async () => {
    const el = await render({ problem: { type: 'about:blank', title: 'Request failed', status: 0 } });
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe('Something went wrong.');
    expect(alert?.hasAttribute('data-testid')).toBe(false);
  });

  it("shows the page's own translation key instead of the problem's", async () => {
    const el = await render({
      problem: { type: 'https://mijn-account.dev/problems/link-expired', title: 'x', status: 410 },
      key: 'signIn.failed',
    });
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'The e-mail address or password is incorrect.',
    );
  });

  it('renders nothing without a problem or a key', async () => {
    const el = await render({ problem: null });
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.textContent?.trim()).toBe('');
  });
});
