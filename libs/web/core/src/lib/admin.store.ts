import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  AccessSettings,
  AccountMember,
  AccountRole,
  IdentityProviderName,
  IdentityProviderSettings,
  SignInSettings,
  StaffMember,
  StaffRole,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** A tenant admin's staff list, sign-in settings and helpdesk-access rules. */
@Injectable({ providedIn: 'root' })
export class AdminStore {
  private readonly http = inject(HttpClient);
  readonly staff = signal<StaffMember[]>([]);
  readonly settings = signal<SignInSettings | null>(null);
  readonly providers = signal<IdentityProviderSettings[]>([]);

  async loadStaff(): Promise<void> {
    this.staff.set(await firstValueFrom(this.http.get<StaffMember[]>(apiUrl('staff'))));
  }

  async inviteStaff(request: { email: string; displayName: string; roles: StaffRole[] }): Promise<void> {
    await firstValueFrom(this.http.post(apiUrl('staff'), request));
    await this.loadStaff();
  }

  async setStaffRoles(id: string, roles: StaffRole[]): Promise<void> {
    await firstValueFrom(this.http.put(`${apiUrl('staff')}/${id}/roles`, { roles }));
    await this.loadStaff();
  }

  async setStaffDisabled(id: string, disabled: boolean): Promise<void> {
    await firstValueFrom(this.http.post(`${apiUrl('staff')}/${id}/${disabled ? 'disable' : 'enable'}`, {}));
    await this.loadStaff();
  }

  async loadSignIn(): Promise<void> {
    const [settings, providers] = await Promise.all([
      firstValueFrom(this.http.get<SignInSettings>(apiUrl('signInSettings'))),
      firstValueFrom(this.http.get<IdentityProviderSettings[]>(`${apiUrl('signInSettings')}/providers`)),
    ]);
    this.settings.set(settings);
    this.providers.set(providers);
  }

  async saveSettings(settings: SignInSettings): Promise<void> {
    await firstValueFrom(this.http.put(apiUrl('signInSettings'), settings));
    await this.loadSignIn();
  }

  accessSettings(): Promise<AccessSettings> {
    return firstValueFrom(this.http.get<AccessSettings>(apiUrl('accessSettings')));
  }

  async saveAccessSettings(settings: AccessSettings): Promise<void> {
    await firstValueFrom(this.http.put(apiUrl('accessSettings'), settings));
  }

  async saveProvider(
    provider: IdentityProviderName,
    body: { enabled: boolean; issuer: string; clientId: string; clientSecret?: string },
  ): Promise<void> {
    await firstValueFrom(this.http.put(`${apiUrl('signInSettings')}/providers/${provider}`, body));
    await this.loadSignIn();
  }
}

/** An account owner's members. */
@Injectable({ providedIn: 'root' })
export class MembersStore {
  private readonly http = inject(HttpClient);
  readonly members = signal<AccountMember[]>([]);

  async load(): Promise<void> {
    this.members.set(await firstValueFrom(this.http.get<AccountMember[]>(apiUrl('members'))));
  }

  async invite(request: { email: string; displayName: string; role: AccountRole }): Promise<void> {
    await firstValueFrom(this.http.post(apiUrl('members'), request));
    await this.load();
  }

  async remove(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`${apiUrl('members')}/${id}`));
    await this.load();
  }
}
