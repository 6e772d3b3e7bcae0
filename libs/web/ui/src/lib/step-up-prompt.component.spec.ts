import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { StepUpPromptComponent } from './step-up-prompt.component';

describe('StepUpPromptComponent', () => {
  async function render(kind: 'password' | 'code', wrong = false) {
    TestBed.configureTestingModule({
      imports: [
        StepUpPromptComponent,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              security: {
                cancel: 'Cancel',
                stepUp: {
                  title: 'Confirm it is you',
                  intro: 'Password again',
                  introCode: 'A code',
                  password: 'Password',
                  code: 'Code from your app',
                  submit: 'Confirm',
                  wrong: 'That did not match.',
                },
              },
            },
          },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
        }),
      ],
    });
    const fixture = TestBed.createComponent(StepUpPromptComponent);
    fixture.componentRef.setInput('kind', kind);
    fixture.componentRef.setInput('wrong', wrong);
    const confirmed: string[] = [];
    fixture.componentInstance.confirmed.subscribe((secret) => confirmed.push(secret));
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, confirmed, el: fixture.nativeElement as HTMLElement };
  }

  it('asks for a code as a one-time code, and sends what was typed, trimmed, only when something was', async () => {
    const { fixture, confirmed, el } = await render('code');
    const input = el.querySelector('input') as HTMLInputElement;
    expect(el.textContent).toContain('Code from your app');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
    expect(confirmed).toEqual([]);
    input.value = ' 123456 ';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
    expect(confirmed).toEqual(['123456']);
    expect(el.querySelector('[role=alert]')).toBeNull();
  });

  it('asks for the password as a password, and says when the last try did not match', async () => {
    const { el } = await render('password', true);
    expect((el.querySelector('input') as HTMLInputElement).type).toBe('password');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('That did not match.');
  });
});
