import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { TENANT_SCRIPT_ID, type TenantInfo } from '@mijn-account/shared-contracts';
import { TenantStore } from './tenant.store';

const CALLMONKEY: TenantInfo = {
  slug: 'callmonkey',
  displayName: 'CallMonkey',
  defaultLanguage: 'nl',
  currency: 'EUR',
  country: 'NL',
  brandColor: '#0b6e4f',
  logoUrl: null,
  timeZone: 'Europe/Amsterdam',
};

describe('TenantStore', () => {
  it("loads this host's tenant and applies its brand colour to the theme", async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const store = TestBed.inject(TenantStore);
    const http = TestBed.inject(HttpTestingController);
    expect(store.displayName()).toBe('');

    const loaded = store.load();
    http.expectOne({ method: 'GET', url: '/api/tenant' }).flush(CALLMONKEY);
    await expect(loaded).resolves.toEqual(CALLMONKEY);

    expect(store.displayName()).toBe('CallMonkey');
    const root = TestBed.inject(DOCUMENT).documentElement.style;
    expect(root.getPropertyValue('--ma-brand')).toBe('#0b6e4f');
    expect(root.getPropertyValue('--mat-sys-primary')).toBe('#0b6e4f');
    http.verify();
  });

  it("counts today in the tenant's time zone, not the browser's", async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const store = TestBed.inject(TenantStore);
    const loaded = store.load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/tenant')
      .flush({ ...CALLMONKEY, timeZone: 'America/Toronto' });
    await loaded;
    // 01:00 UTC on the 30th is still the evening of the 29th in Toronto.
    expect(store.today(new Date('2026-11-30T01:00:00Z'))).toBe('2026-11-29');
    expect(store.today(new Date('2026-11-30T05:00:00Z'))).toBe('2026-11-30');
  });

  it('takes the tenant the server put in the page, without asking /api/tenant', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const document = TestBed.inject(DOCUMENT);
    const script = document.createElement('script');
    script.id = TENANT_SCRIPT_ID;
    script.type = 'application/json';
    script.textContent = JSON.stringify({ ...CALLMONKEY, displayName: 'Call\u003c/script\u003eMonkey' });
    document.head.appendChild(script);
    try {
      const store = TestBed.inject(TenantStore);
      await expect(store.load()).resolves.toMatchObject({ slug: 'callmonkey' });
      expect(store.displayName()).toBe('Call</script>Monkey');
      TestBed.inject(HttpTestingController).verify();
    } finally {
      script.remove();
    }
  });

  it('asks /api/tenant when what the page carries is not a tenant', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const document = TestBed.inject(DOCUMENT);
    const script = document.createElement('script');
    script.id = TENANT_SCRIPT_ID;
    script.type = 'application/json';
    script.textContent = '{"slug": 1';
    document.head.appendChild(script);
    try {
      const loaded = TestBed.inject(TenantStore).load();
      TestBed.inject(HttpTestingController).expectOne('/api/tenant').flush(CALLMONKEY);
      await expect(loaded).resolves.toEqual(CALLMONKEY);
    } finally {
      script.remove();
    }
  });

  it('says the tenant is unavailable when /api/tenant fails (the service away), and still fails the load', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const store = TestBed.inject(TenantStore);
    expect(store.unavailable()).toBe(false);
    const loaded = store.load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/tenant')
      .flush({ status: 503 }, { status: 503, statusText: 'Service Unavailable' });
    await expect(loaded).rejects.toMatchObject({ status: 503 });
    expect(store.unavailable()).toBe(true);
    expect(store.tenant()).toBeNull();
  });
});
