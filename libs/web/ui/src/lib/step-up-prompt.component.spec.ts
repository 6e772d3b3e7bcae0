import { OverlayContainer } from '@angular/cdk/overlay';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { StepUpPromptComponent } from './step-up-prompt.component';

function pressEscape(): void {
  const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true });
  Object.defineProperty(event, 'keyCode', { get: () => 27 });
  document.body.dispatchEvent(event);
}

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
    // The prompt is a dialog: its content is in the overlay container, not inside the element.
    const el = TestBed.inject(OverlayContainer).getContainerElement();
    return { fixture, confirmed, el };
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

  it('opens as a dialog with its title, cancels on Escape, and closes when the page removes it', async () => {
    const { fixture, el } = await render('password');
    const dialog = el.querySelector('[role=dialog]') as HTMLElement;
    expect(dialog.textContent).toContain('Confirm it is you');
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    fixture.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(el.querySelector('[role=dialog]')).toBeNull();
  });

  it('reports Escape as a cancel', async () => {
    const { fixture, el } = await render('code');
    const counted = { cancelled: 0 };
    fixture.componentInstance.cancelled.subscribe(() => counted.cancelled++);
    expect(el.querySelector('[role=dialog]')).not.toBeNull();
    pressEscape();
    await new Promise((resolve) => setTimeout(resolve, 200));
    fixture.detectChanges();
    expect(counted.cancelled).toBe(1);
  });
});
