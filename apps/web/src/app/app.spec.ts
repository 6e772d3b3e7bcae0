import { Component, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TenantStore } from '@mijn-account/web-core';
import { keysOnlyTransloco } from '@mijn-account/web-testing';
import { App } from './app';

@Component({ selector: 'ma-test-page', template: '<h1>Sign in</h1>' })
class TestPageComponent {}

describe('App', () => {
  it('keeps the page inert until the first page is drawn (a server-rendered page cannot lose what is typed)', async () => {
    TestBed.configureTestingModule({
      imports: [keysOnlyTransloco()],
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

  it('shows a neutral page with a retry instead of its pages when the tenant could not be loaded', async () => {
    TestBed.configureTestingModule({
      imports: [keysOnlyTransloco()],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'sign-in', loadComponent: async () => TestPageComponent }]),
      ],
    });
    const loaded = TestBed.inject(TenantStore).load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/tenant')
      .flush({ status: 503 }, { status: 503, statusText: 'Service Unavailable' });
    await loaded.catch(() => undefined);

    const fixture = TestBed.createComponent(App);
    const root = fixture.nativeElement as HTMLElement;
    await TestBed.inject(Router).navigateByUrl('/sign-in');
    // The deferred page, then its translations.
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(root.querySelector('h1')?.textContent).toBe('unavailable.title');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('unavailable.body');
    expect(root.querySelector('[data-testid="unavailable-retry"]')?.textContent?.trim()).toBe('unavailable.retry');
    expect(root.textContent).not.toContain('Sign in');
    expect(root.hasAttribute('inert')).toBe(false);
  });
});
