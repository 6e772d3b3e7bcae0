import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { FIRST_SCREEN_ID } from '@mijn-account/shared-contracts';
import { App } from './app';

@Component({ selector: 'ma-test-page', template: '<h1>Sign in</h1>' })
class TestPageComponent {}

describe('App and the first screen the server drew', () => {
  afterEach(() => document.getElementById(FIRST_SCREEN_ID)?.remove());

  it('keeps the first screen until the first page is drawn, then removes it', async () => {
    const screen = document.body.appendChild(document.createElement('div'));
    screen.id = FIRST_SCREEN_ID;
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
    await fixture.whenStable();
    // Nothing of the page yet: the screen stays (no empty frame between it and the page).
    expect(screen.isConnected).toBe(true);

    await TestBed.inject(Router).navigateByUrl('/sign-in');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('h1')?.textContent).toBe('Sign in');
    expect(screen.isConnected).toBe(false);
  });
});
