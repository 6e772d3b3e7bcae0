import { API_PREFIX, ROUTES } from '@mijn-account/shared-contracts';

/** Same-origin API URLs: the API and the app are served from one tenant host. */
export const apiUrl = (route: (typeof ROUTES)[keyof typeof ROUTES]) => `/${API_PREFIX}/${route}`;
