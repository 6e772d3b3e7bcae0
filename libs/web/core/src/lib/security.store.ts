import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  IdentityProviderName,
  SecurityOverview,
  SessionInfo,
  SignInEventInfo,
  TwoFactorSetup,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';
import { SessionStore } from './session.store';

const base = apiUrl('security');

/** The signed-in user's security page: its data as signals, and every action on it. */
@Injectable({ providedIn: 'root' })
export class SecurityStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  /** Who is signed in, with their two-factor state (the staff pages' guard reads it there). */
  private readonly session = inject(SessionStore);
  readonly overview = signal<SecurityOverview | null>(null);
  readonly sessions = signal<SessionInfo[]>([]);
  readonly signIns = signal<SignInEventInfo[]>([]);

  async load(): Promise<void> {
    const [overview, sessions, signIns] = await Promise.all([
      firstValueFrom(this.http.get<SecurityOverview>(base)),
      firstValueFrom(this.http.get<SessionInfo[]>(`${base}/sessions`)),
      firstValueFrom(this.http.get<SignInEventInfo[]>(`${base}/sign-ins`)),
    ]);
    this.overview.set(overview);
    this.sessions.set(sessions);
    this.signIns.set(signIns);
  }

  async endSession(id: string): Promise<void> {
    await firstValueFrom(this.http.delete<void>(`${base}/sessions/${encodeURIComponent(id)}`));
    await this.load();
  }

  async endOtherSessions(): Promise<number> {
    const { ended } = await firstValueFrom(this.http.post<{ ended: number }>(`${base}/sessions/end-others`, {}));
    await this.load();
    return ended;
  }

  async changePassword(password: string): Promise<void> {
    await firstValueFrom(this.http.put<void>(`${base}/password`, { password }));
  }

  async changeEmail(email: string): Promise<void> {
    await firstValueFrom(this.http.post<void>(`${base}/email`, { email }));
  }

  setupTwoFactor(): Promise<TwoFactorSetup> {
    return firstValueFrom(this.http.post<TwoFactorSetup>(`${base}/two-factor/setup`, {}));
  }

  async enableTwoFactor(code: string): Promise<string[]> {
    const { recoveryCodes } = await firstValueFrom(
      this.http.post<{ recoveryCodes: string[] }>(`${base}/two-factor/enable`, { code }),
    );
    await Promise.all([this.load(), this.session.refresh()]);
    return recoveryCodes;
  }

  async disableTwoFactor(): Promise<void> {
    await firstValueFrom(this.http.delete<void>(`${base}/two-factor`));
    await Promise.all([this.load(), this.session.refresh()]);
  }

  async newRecoveryCodes(): Promise<string[]> {
    const { recoveryCodes } = await firstValueFrom(
      this.http.post<{ recoveryCodes: string[] }>(`${base}/two-factor/recovery-codes`, {}),
    );
    await this.load();
    return recoveryCodes;
  }

  /**
   * Links Google or Microsoft (a step-up action): the API answers the provider's sign-in page, the
   * browser goes there and comes back to the security page with `?linked=` or `?error=`.
   */
  async link(provider: IdentityProviderName): Promise<void> {
    const { url } = await firstValueFrom(this.http.post<{ url: string }>(`${base}/identities/${provider}`, {}));
    this.document.location.assign(url);
  }

  async unlink(provider: IdentityProviderName): Promise<void> {
    await firstValueFrom(this.http.delete<void>(`${base}/identities/${provider}`));
    await this.load();
  }
}
