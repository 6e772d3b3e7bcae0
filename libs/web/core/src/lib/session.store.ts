import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { MeResponse, SignInRequest } from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** Who is signed in. Components read signals; only this store talks to the session API. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<MeResponse | null>(null);
  private loaded = false;

  readonly me = this.state.asReadonly();
  readonly signedIn = computed(() => this.state() !== null);

  /** Loads the current user once; null when nobody is signed in. */
  async ensureLoaded(): Promise<MeResponse | null> {
    if (!this.loaded) await this.refresh();
    return this.state();
  }

  async refresh(): Promise<MeResponse | null> {
    try {
      this.state.set(await firstValueFrom(this.http.get<MeResponse>(apiUrl('me'))));
    } catch (error) {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) throw error;
      this.state.set(null);
    }
    this.loaded = true;
    return this.state();
  }

  /** Throws the server's problem details (as HttpErrorResponse) when sign-in fails. */
  async signIn(request: SignInRequest): Promise<void> {
    await firstValueFrom(this.http.post<void>(apiUrl('session'), request));
    await this.refresh();
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.delete<void>(apiUrl('session')));
    this.state.set(null);
  }
}
