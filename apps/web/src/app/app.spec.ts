import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { App } from './app';

@Component({ selector: 'ma-test-page', template: '<h1>Sign in</h1>' })
class TestPageComponent {}

describe('App', () => {
  it('keeps the page inert until the first page is drawn (a server-rendered page cannot lose what is typed)', async () => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { en: {} },
          translocoConfig: { defaultLang: 'en', availableLangs: ['en'], missingHandler: { logMissingKey: false } },
        }),
      ],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([{ path: 'sign-in', loadComponent: async () => TestPageComponent }]),
      ],
    });
    const fixture = TestBed.createComponent(App);
    const root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(root.hasAttribute('inert')).toBe(true);

    await TestBed.inject(Router).navigateByUrl('/sign-in');
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent).toBe('Sign in');
    expect(root.hasAttribute('inert')).toBe(false);
  });
});
