import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { HOME_PATH, ReturnToStore } from './return-to';
import { SessionStore } from './session.store';

/** Pages for signed-in users: others go to the sign-in page, which returns here afterwards. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const [store, router, returnTo] = [inject(SessionStore), inject(Router), inject(ReturnToStore)];
  if (await store.ensureLoaded()) return true;
  returnTo.remember(state.url);
  return router.parseUrl('/sign-in');
};

/** The sign-in page: a signed-in user goes straight to the account. */
export const signedOutGuard: CanActivateFn = async () => {
  const [store, router] = [inject(SessionStore), inject(Router)];
  return (await store.ensureLoaded()) ? router.parseUrl(HOME_PATH) : true;
};
