import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/** Where a signed-in user lands when no page was asked for. */
export const HOME_PATH = '/account';

const STORAGE_KEY = 'ma.returnTo';
/** A page asked for longer ago than this is not where the next sign-in should go. */
const MAX_AGE_MS = 30 * 60_000;
/** Pages that make no sense to return to after signing in (the sign-in flow itself, mail links). */
const NOT_A_RETURN = ['/sign-in', '/sign-up', '/password-reset', '/invitation', '/email-change', '/api'];
const BASE = 'http://return-to.invalid';

/**
 * The path to return to after signing in, or null when `value` is not a path of this portal: only
 * same-origin absolute paths (`/account/billing?x=1#y`), never `//host`, `/\host`, a scheme, control
 * characters or backslashes (which browsers read as slashes), so it can never become an open redirect.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname;
  if (NOT_A_RETURN.some((p) => path === p || path.startsWith(`${p}/`))) return null;
  return `${path}${url.search}${url.hash}`;
}

/**
 * Remembers the page a signed-out visitor asked for (a deep link, an expired session) so that
 * signing in returns there. Kept in sessionStorage — this tab only, never sent anywhere, not in the
 * sign-in URL — and only for half an hour.
 */
@Injectable({ providedIn: 'root' })
export class ReturnToStore {
  private readonly storage = storageOf(inject(DOCUMENT));

  remember(url: string): void {
    const path = safeReturnPath(url);
    if (!path || path === HOME_PATH) return this.clear();
    this.write(JSON.stringify({ path, at: Date.now() }));
  }

  /** The remembered page (then forgotten), or the home. */
  take(now = Date.now()): string {
    const raw = this.read();
    this.clear();
    try {
      const { path, at } = JSON.parse(raw ?? 'null') ?? {};
      const safe = safeReturnPath(path);
      return safe && typeof at === 'number' && now - at >= 0 && now - at < MAX_AGE_MS ? safe : HOME_PATH;
    } catch {
      return HOME_PATH;
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // storage disabled: nothing was kept
    }
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private write(value: string): void {
    try {
      this.storage?.setItem(STORAGE_KEY, value);
    } catch {
      // storage disabled: sign-in then lands on the home
    }
  }
}

function storageOf(document: Document): Storage | null {
  try {
    return document.defaultView?.sessionStorage ?? null;
  } catch {
    return null;
  }
}
