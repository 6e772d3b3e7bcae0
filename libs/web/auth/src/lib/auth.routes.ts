import type { Routes } from '@angular/router';
import { signedOutGuard } from '@mijn-account/web-core';
import { SignInPageComponent } from './sign-in-page.component';

export const authRoutes: Routes = [{ path: '', component: SignInPageComponent, canActivate: [signedOutGuard], title: 'signIn.pageTitle' }];
