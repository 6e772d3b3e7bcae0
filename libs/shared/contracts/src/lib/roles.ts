/** Roles a user can hold inside one subscriber account. */
export const ACCOUNT_ROLES = ['owner', 'member'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Roles of a tenant's own staff. */
export const STAFF_ROLES = ['helpdesk-agent', 'helpdesk-supervisor', 'finance', 'tenant-admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type UserKind = 'subscriber' | 'staff';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
