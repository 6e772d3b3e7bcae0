import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { SessionStore } from './session.store';

/** Pages for signed-in users: others go to the sign-in page. */
export const signedInGuard: CanActivateFn = async () => {
  const [store, router] = [inject(SessionStore), inject(Router)];
  return (await store.ensureLoaded()) ? true : router.parseUrl('/sign-in');
};

/** The sign-in page: a signed-in user goes straight to the account. */
export const signedOutGuard: CanActivateFn = async () => {
  const [store, router] = [inject(SessionStore), inject(Router)];
  return (await store.ensureLoaded()) ? router.parseUrl('/account') : true;
};
