import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { InvitationPreview, SignUpRequest } from '@mijn-account/shared-contracts';
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

  /** What an invitation link is for (who invited, to which account as what); reading it uses nothing up. */
  previewInvitation(token: string): Promise<InvitationPreview> {
    return firstValueFrom(this.http.post<InvitationPreview>(`${apiUrl('invitations')}/preview`, { token }));
  }

  /** Accepting signs in: the answer sets the session cookie. */
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
