import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { RecoveryCodeActionsComponent } from './recovery-code-actions.component';

describe('RecoveryCodeActionsComponent', () => {
  async function render(copies: boolean) {
    const clipboard = { copy: jest.fn().mockReturnValue(copies) };
    TestBed.configureTestingModule({
      imports: [
        RecoveryCodeActionsComponent,
        TranslocoTestingModule.forRoot({
          langs: {
            en: {
              security: {
                twoFactor: {
                  copyCodes: 'Copy',
                  downloadCodes: 'Download',
                  codesCopied: 'Copied.',
                  copyFailed: 'Could not copy.',
                  codesFileTitle: 'Recovery codes for {{ email }} at {{ portal }}',
                  codesFileNote: 'Each code works once.',
                },
              },
            },
          },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
        }),
      ],
      providers: [{ provide: Clipboard, useValue: clipboard }],
    });
    const fixture = TestBed.createComponent(RecoveryCodeActionsComponent);
    fixture.componentRef.setInput('codes', ['aaaa-bbbb', 'cccc-dddd']);
    fixture.componentRef.setInput('portal', 'Call Monkey');
    fixture.componentRef.setInput('email', 'eva@example.com');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, clipboard, el: fixture.nativeElement as HTMLElement };
  }

  it('copies the codes, one a line, and says so', async () => {
    const { fixture, clipboard, el } = await render(true);
    (el.querySelector('[data-testid="recovery-codes-copy"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(clipboard.copy).toHaveBeenCalledWith('aaaa-bbbb\ncccc-dddd');
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('Copied.');
  });

  it('says when copying failed', async () => {
    const { fixture, el } = await render(false);
    (el.querySelector('[data-testid="recovery-codes-copy"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('Could not copy.');
  });

  it('downloads a text file naming whose codes they are, with every code on its own line', async () => {
    const { el } = await render(true);
    const link = el.querySelector('[data-testid="recovery-codes-download"]') as HTMLAnchorElement;
    expect(link.getAttribute('download')).toBe('recovery-codes-call-monkey.txt');
    const href = link.getAttribute('href') ?? '';
    expect(href.startsWith('data:text/plain;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(href.slice('data:text/plain;charset=utf-8,'.length))).toBe(
      'Recovery codes for eva@example.com at Call Monkey\n\naaaa-bbbb\ncccc-dddd\n\nEach code works once.\n',
    );
  });
});
