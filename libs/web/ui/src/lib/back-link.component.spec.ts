import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { BackLinkComponent } from './back-link.component';

describe('BackLinkComponent', () => {
  it('links to its list as "← name", the arrow hidden from screen readers', async () => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en: { finance: { invoices: { back: 'All invoices' } } } },
          translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
        }),
      ],
      providers: [provideZonelessChangeDetection(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(BackLinkComponent);
    fixture.componentRef.setInput('to', '/finance/invoices');
    fixture.componentRef.setInput('label', 'finance.invoices.back');
    fixture.detectChanges();
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/finance/invoices');
    expect(link.textContent?.trim()).toBe('← All invoices');
    expect(link.querySelector('[aria-hidden="true"]')?.textContent?.trim()).toBe('←');
  });
});
