import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/common';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { TENANT_SCRIPT_ID, type TenantInfo } from '@mijn-account/shared-contracts';
import { TenantStore } from '@mijn-account/web-core';
import { RestrictedMarkerComponent } from './restricted-marker.component';

const TORONTO: TenantInfo = {
  slug: 'contactmonkey',
  displayName: 'ContactMonkey',
  defaultLanguage: 'en',
  currency: 'CAD',
  country: 'CA',
  brandColor: '#0b5394',
  logoUrl: null,
  timeZone: 'America/Toronto',
};

async function marker(erasedAt: string, keptUntil: string | null): Promise<string> {
  TestBed.configureTestingModule({
    imports: [
      TranslocoTestingModule.forRoot({
        langs: {
          en: {
            finance: {
              restricted: {
                erased: 'Restricted (erased on {{erased}})',
                keptUntil: 'Restricted (erased on {{erased}}, kept until {{kept}})',
              },
            },
          },
        },
        translocoConfig: { availableLangs: ['en'], defaultLang: 'en' },
      }),
    ],
    providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
  });
  const document = TestBed.inject(DOCUMENT);
  const script = document.createElement('script');
  script.id = TENANT_SCRIPT_ID;
  script.type = 'application/json';
  script.textContent = JSON.stringify(TORONTO);
  document.head.appendChild(script);
  try {
    await TestBed.inject(TenantStore).load();
  } finally {
    script.remove();
  }
  const fixture = TestBed.createComponent(RestrictedMarkerComponent);
  fixture.componentRef.setInput('restricted', { erasedAt, keptUntil });
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
  return ((fixture.nativeElement as HTMLElement).textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('RestrictedMarkerComponent', () => {
  // 03:00 UTC on 30 November is still the evening of the 29th for a business in Toronto.
  it("says the erasure's day in the tenant's calendar, not the viewer's", async () => {
    const text = await marker('2026-11-30T03:00:00Z', '2033-12-31');
    expect(text).toMatch(/erased on [^,]*29[^,]*2026, kept until [^)]*2033/);
    expect(text).not.toMatch(/erased on [^,]*30/);
  });

  it('says the erasure alone when nothing is kept until a day', async () => {
    await expect(marker('2026-11-30T12:00:00Z', null)).resolves.toMatch(/^Restricted \(erased on [^)]*30[^)]*2026\)$/);
  });
});
