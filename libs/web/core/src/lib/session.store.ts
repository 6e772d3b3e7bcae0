import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, Injector, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  MeResponse,
  SecondFactorRequest,
  SignInOptions,
  SignInRequest,
  SignInResponse,
  SocialSignUpRequest,
  SocialSignUpResponse,
  StepUpRequest,
} from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';
import { LanguageService } from './language.service';

/** Who is signed in. Components read signals; only this store talks to the session API. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  // Asked for only when a session starts: the language service needs the translations, which a
  // store that only tells who is signed in should not.
  private readonly injector = inject(Injector);
  private readonly state = signal<MeResponse | null>(null);
  private loaded = false;
  private pending: Promise<MeResponse | null> | null = null;

  readonly me = this.state.asReadonly();
  readonly signedIn = computed(() => this.state() !== null);

  /** Whether the session has been checked (then `me()` is the answer). */
  isLoaded(): boolean {
    return this.loaded;
  }

  /** Loads the current user once (callers at the same moment share one request); null when nobody is signed in. */
  async ensureLoaded(): Promise<MeResponse | null> {
    if (!this.loaded) {
      this.pending ??= this.refresh().finally(() => (this.pending = null));
      await this.pending;
    }
    return this.state();
  }

  /** Settles when the session check under way (if any) has answered, whatever it answered. */
  async checked(): Promise<void> {
    await this.pending?.catch(() => undefined);
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

  /** What this portal offers on its sign-in page (self sign-up, Google, Microsoft). */
  options(): Promise<SignInOptions> {
    return firstValueFrom(this.http.get<SignInOptions>(`${apiUrl('session')}/options`));
  }

  /**
   * Throws the server's problem details (as HttpErrorResponse) when sign-in fails. A correct
   * password with two-factor on answers `second-factor` with a challenge for `secondFactor`.
   */
  async signIn(request: SignInRequest): Promise<SignInResponse> {
    return this.afterSignIn(await firstValueFrom(this.http.post<SignInResponse>(apiUrl('session'), request)));
  }

  async secondFactor(request: SecondFactorRequest): Promise<SignInResponse> {
    return this.afterSignIn(
      await firstValueFrom(this.http.post<SignInResponse>(`${apiUrl('session')}/second-factor`, request)),
    );
  }

  /** Links a Google or Microsoft identity to the account with the same e-mail, by its password. */
  async linkIdentity(request: { token: string; password: string }): Promise<SignInResponse> {
    return this.afterSignIn(
      await firstValueFrom(this.http.post<SignInResponse>(`${apiUrl('identityProviders')}/link`, request)),
    );
  }

  /** Answers the age question a Google or Microsoft sign-up stopped at (issue 18 §1). */
  async socialSignUp(request: SocialSignUpRequest): Promise<SocialSignUpResponse> {
    const response = await firstValueFrom(
      this.http.post<SocialSignUpResponse>(`${apiUrl('identityProviders')}/sign-up`, request),
    );
    if (response.status === 'signed-in') await this.started();
    return response;
  }

  /** Confirms it is still the user before a sensitive action. */
  async stepUp(request: StepUpRequest): Promise<void> {
    await firstValueFrom(this.http.post<void>(`${apiUrl('session')}/step-up`, request));
  }

  /**
   * A session has just started in this page (the API set its cookies): who it is, and the page in
   * the user's own language if they chose one (the API sets the language cookie to it).
   */
  async started(): Promise<void> {
    await this.refresh();
    this.injector.get(LanguageService).followChoice();
  }

  private async afterSignIn(response: SignInResponse): Promise<SignInResponse> {
    if (response.status === 'signed-in') await this.started();
    return response;
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.delete<void>(apiUrl('session')));
    this.state.set(null);
  }
}
