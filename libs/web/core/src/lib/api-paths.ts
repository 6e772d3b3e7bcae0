import { API_PREFIX, ROUTES } from '@mijn-account/shared-contracts';

/** Same-origin API URLs (the API and the app are served from one tenant host), by route name. */
export const apiUrl = (route: keyof typeof ROUTES) => `/${API_PREFIX}/${ROUTES[route]}`;
