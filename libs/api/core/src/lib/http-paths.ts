import { API_PREFIX } from '@mijn-account/shared-contracts';

/** The request's path, without its query string. */
export function pathOf(request: { url: string }): string {
  return request.url.split('?')[0];
}

/** Whether a path belongs to the API (`/api` and below) rather than to the web app. */
export function isApiPath(path: string): boolean {
  return path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);
}
