import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { firstValueFrom } from 'rxjs';
import { TENANT_SCRIPT_ID, type TenantInfo } from '@mijn-account/shared-contracts';
import { todayIn } from '@mijn-account/shared-billing-periods';
import { apiUrl } from './api-paths';
import { renderContext } from './render-backend';

/** The tenant serving this host: its branding, loaded once at start. */
@Injectable({ providedIn: 'root' })
export class TenantStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly render = renderContext();
  private readonly state = signal<TenantInfo | null>(null);
  private readonly failed = signal(false);

  readonly tenant = this.state.asReadonly();
  /**
   * Whether this host's tenant could not be loaded — the service cannot reach its data (503), or
   * the network failed: the app shows a neutral page with a retry instead of its pages (issue 19 §1).
   */
  readonly unavailable = this.failed.asReadonly();
  readonly displayName = computed(() => this.state()?.displayName ?? '');

  /**
   * Today in the tenant's calendar (YYYY-MM-DD): what a date field starts at, and the day the server
   * checks "not in the future" against — not the browser's, a day off on an evening across the ocean.
   */
  today(now = new Date()): string {
    try {
      return todayIn(this.state()?.timeZone, now);
    } catch {
      return todayIn(undefined, now);
    }
  }

  /**
   * The tenant the server put in the page (`<script id="ma-tenant" type="application/json">`,
   * `tenant-page.ts` in api-core); `GET /api/tenant` only when the page came without it.
   */
  async load(): Promise<TenantInfo> {
    let tenant: TenantInfo;
    try {
      tenant =
        this.render?.tenant ?? this.inline() ?? (await firstValueFrom(this.http.get<TenantInfo>(apiUrl('tenant'))));
    } catch (error) {
      this.failed.set(true);
      throw error;
    }
    this.state.set(tenant);
    const root = this.document.documentElement.style;
    root.setProperty('--ma-brand', tenant.brandColor);
    root.setProperty('--mat-sys-primary', tenant.brandColor);
    root.setProperty('--mat-sys-on-primary', '#ffffff');
    return tenant;
  }

  private inline(): TenantInfo | null {
    const text = this.document.getElementById(TENANT_SCRIPT_ID)?.textContent;
    if (!text) return null;
    try {
      const value = JSON.parse(text) as Partial<TenantInfo> | null;
      return typeof value?.slug === 'string' &&
        typeof value.displayName === 'string' &&
        typeof value.brandColor === 'string' &&
        (value.defaultLanguage === 'nl' || value.defaultLanguage === 'en')
        ? (value as TenantInfo)
        : null;
    } catch {
      return null;
    }
  }
}
