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

/**
 * The sign-in and sign-up pages: a signed-in user goes straight to the account. The page does not
 * wait for the session check to paint (it is the first screen most visitors see): the check runs
 * beside it, and when it finds a session the visitor is taken to the account then.
 */
export const signedOutGuard: CanActivateFn = (_route, state) => {
  const [store, router] = [inject(SessionStore), inject(Router)];
  if (store.isLoaded()) return store.signedIn() ? router.parseUrl(HOME_PATH) : true;
  store
    .ensureLoaded()
    .then((me) => (me && router.url === state.url ? router.navigateByUrl(HOME_PATH) : false))
    .catch(() => undefined);
  return true;
};
