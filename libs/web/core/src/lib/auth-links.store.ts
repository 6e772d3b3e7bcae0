import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { SignUpRequest } from '@mijn-account/shared-contracts';
import { apiUrl } from './api-paths';

/** Everything done before signing in or from an e-mail link: sign-up, reset, invitation, e-mail change. */
@Injectable({ providedIn: 'root' })
export class AuthLinksStore {
  private readonly http = inject(HttpClient);

  signUp(request: SignUpRequest): Promise<void> {
    return this.post(apiUrl('signUp'), request);
  }

  verifySignUp(token: string): Promise<void> {
    return this.post(`${apiUrl('signUp')}/verify`, { token });
  }

  requestPasswordReset(email: string): Promise<void> {
    return this.post(apiUrl('passwordReset'), { email });
  }

  resetPassword(token: string, password: string): Promise<void> {
    return this.post(`${apiUrl('passwordReset')}/confirm`, { token, password });
  }

  acceptInvitation(token: string, password: string): Promise<void> {
    return this.post(`${apiUrl('invitations')}/accept`, { token, password });
  }

  confirmEmailChange(token: string): Promise<void> {
    return this.post(`${apiUrl('emailChange')}/confirm`, { token });
  }

  undoEmailChange(token: string): Promise<void> {
    return this.post(`${apiUrl('emailChange')}/undo`, { token });
  }

  private async post(url: string, body: unknown): Promise<void> {
    await firstValueFrom(this.http.post<void>(url, body));
  }
}
