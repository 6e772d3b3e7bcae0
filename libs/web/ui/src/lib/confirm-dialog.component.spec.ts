import { OverlayContainer } from '@angular/cdk/overlay';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { ConfirmDialog } from './confirm-dialog.component';

function pressEscape(): void {
  const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true });
  Object.defineProperty(event, 'keyCode', { get: () => 27 });
  document.body.dispatchEvent(event);
}

describe('ConfirmDialog', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              confirm: {
                cancel: 'Cancel',
                disable: {
                  title: 'Disable {{ name }}?',
                  message: '{{ name }} is signed out at once.',
                  action: 'Disable {{ name }}',
                },
              },
            },
          },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
        }),
      ],
    });
  });

  async function open() {
    const answer = TestBed.inject(ConfirmDialog).confirm({
      title: 'confirm.disable.title',
      message: 'confirm.disable.message',
      confirm: 'confirm.disable.action',
      params: { name: 'Anna' },
      danger: true,
    });
    await new Promise((resolve) => setTimeout(resolve));
    const el = TestBed.inject(OverlayContainer).getContainerElement();
    const button = (text: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
    return { answer, el, button };
  }

  it('names the person in its question, its consequence and its button, as an alert dialog', async () => {
    const { el, button, answer } = await open();
    const dialog = el.querySelector('[role=alertdialog]') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent?.trim()).toBe('Disable Anna?');
    expect(dialog.querySelector('[data-testid="confirm-message"]')?.textContent?.trim()).toBe(
      'Anna is signed out at once.',
    );
    expect(button('Disable Anna').classList).toContain('danger');
    button('Cancel').click();
    await expect(answer).resolves.toBe(false);
  });

  it('resolves true only when the action is confirmed', async () => {
    const { button, answer } = await open();
    button('Disable Anna').click();
    await expect(answer).resolves.toBe(true);
  });

  it('resolves false when closed with Escape', async () => {
    const { el, answer } = await open();
    expect(el.querySelector('[role=alertdialog]')).not.toBeNull();
    pressEscape();
    await expect(answer).resolves.toBe(false);
  });
});
