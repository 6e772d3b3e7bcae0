import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { SIGNED_IN_HINT_COOKIE } from '@mijn-account/shared-contracts';
import { readCookie } from './browser-cookies';
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
 * The sign-in and sign-up pages: a signed-in user goes straight to the account. A browser with the
 * signed-in hint (a cookie set and cleared with the session) waits for the session check, so a
 * signed-in visitor never sees the sign-in form first; a stale hint costs only that wait. Without
 * the hint the page does not wait to paint (it is the first screen most visitors see): the check
 * runs beside it, and when it finds a session after all the visitor is taken to the account then.
 */
export const signedOutGuard: CanActivateFn = (_route, state) => {
  const [store, router] = [inject(SessionStore), inject(Router)];
  if (store.isLoaded()) return store.signedIn() ? router.parseUrl(HOME_PATH) : true;
  if (readCookie(inject(DOCUMENT), SIGNED_IN_HINT_COOKIE) !== null) {
    return store
      .ensureLoaded()
      .catch(() => null)
      .then((me) => (me ? router.parseUrl(HOME_PATH) : true));
  }
  store
    .ensureLoaded()
    .then((me) => (me && router.url === state.url ? router.navigateByUrl(HOME_PATH) : false))
    .catch(() => undefined);
  return true;
};
