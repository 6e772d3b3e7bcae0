import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { firstValueFrom } from 'rxjs';
import type { TenantInfo } from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** The tenant serving this host: its branding, loaded once at start. */
@Injectable({ providedIn: 'root' })
export class TenantStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly state = signal<TenantInfo | null>(null);

  readonly tenant = this.state.asReadonly();
  readonly displayName = computed(() => this.state()?.displayName ?? '');

  async load(): Promise<TenantInfo> {
    const tenant = await firstValueFrom(this.http.get<TenantInfo>(apiUrl('tenant')));
    this.state.set(tenant);
    const root = this.document.documentElement.style;
    root.setProperty('--ma-brand', tenant.brandColor);
    root.setProperty('--mat-sys-primary', tenant.brandColor);
    root.setProperty('--mat-sys-on-primary', '#ffffff');
    return tenant;
  }
}
