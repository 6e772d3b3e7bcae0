import type { Routes } from '@angular/router';
import { signedOutGuard } from '@mijn-account/web-core';
import { InvitationPageComponent } from './invitation-page.component';
import { SetPasswordPageComponent } from './set-password-page.component';
import { SignInPageComponent } from './sign-in-page.component';
import { SignUpPageComponent } from './sign-up-page.component';
import { SocialSignUpPageComponent } from './social-sign-up-page.component';
import { TokenActionPageComponent } from './token-action-page.component';

/** Pages before signing in, and the pages e-mail links open (paths in PAGES of shared-contracts). */
export const authRoutes: Routes = [
  { path: 'sign-in', component: SignInPageComponent, canActivate: [signedOutGuard], title: 'signIn.pageTitle' },
  {
    path: 'sign-in/link',
    component: SetPasswordPageComponent,
    data: { mode: 'link' },
    title: 'password.link.pageTitle',
  },
  { path: 'sign-up', component: SignUpPageComponent, canActivate: [signedOutGuard], title: 'signUp.pageTitle' },
  {
    path: 'sign-up/age',
    component: SocialSignUpPageComponent,
    canActivate: [signedOutGuard],
    title: 'socialSignUp.pageTitle',
  },
  {
    path: 'sign-up/verify',
    component: TokenActionPageComponent,
    data: { action: 'verify-sign-up' },
    title: 'links.verify-sign-up.title',
  },
  {
    path: 'password-reset',
    component: SetPasswordPageComponent,
    data: { mode: 'reset' },
    title: 'password.reset.pageTitle',
  },
  { path: 'invitation', component: InvitationPageComponent, title: 'password.invitation.pageTitle' },
  {
    path: 'email-change/confirm',
    component: TokenActionPageComponent,
    data: { action: 'confirm-email' },
    title: 'links.confirm-email.title',
  },
  {
    path: 'email-change/undo',
    component: TokenActionPageComponent,
    data: { action: 'undo-email' },
    title: 'links.undo-email.title',
  },
];
