import { Injectable } from '@nestjs/common';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { User } from '@mijn-account/api-auth';
import { type RequestContext, changedFields, problems, staleVersion } from '@mijn-account/api-core';
import type { FieldError, Language, Profile, ProfileUpdate } from '@mijn-account/shared-contracts';
import { ChangeHistoryService } from './change-history.service';

interface ProfileRow {
  display_name: string;
  email: string;
  phone_e164: string | null;
  preferred_language: Language | null;
  time_zone: string | null;
  version: number;
  country: string | null;
}

const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export type VersionedProfile = Profile & { version: number };

/** The signed-in user's own profile: name (a staff user's is set by the tenant admin), phone (E.164), language, time zone; e-mail changes go through its own flow. */
@Injectable()
export class ProfileService {
  constructor(private readonly history: ChangeHistoryService) {}

  async get(ctx: RequestContext): Promise<VersionedProfile> {
    return toProfile(await this.load(ctx, false), ctx.tenant.country);
  }

  /** Saves a whole profile based on `baseVersion`; 412 (with the current profile) when it is stale. */
  async update(ctx: RequestContext, baseVersion: number | null, input: ProfileUpdate): Promise<VersionedProfile> {
    const row = await this.load(ctx, true);
    const before = toProfile(row, ctx.tenant.country);
    if (baseVersion !== row.version) throw staleVersion(before);
    const errors: FieldError[] = [];
    // Staff are named in subscribers' access logs as their tenant admin named them.
    if (ctx.requireUser().kind === 'staff' && input.displayName.trim() !== before.displayName)
      errors.push({ field: 'displayName', code: 'setByAdmin', message: 'Your name is set by your administrator' });
    const phone = normalizePhone(input.phone, before.phoneCountry, errors);
    const timeZone = input.timeZone?.trim() || null;
    if (timeZone && !TIME_ZONES.has(timeZone))
      errors.push({ field: 'timeZone', code: 'isTimeZone', message: 'An IANA time zone, such as Europe/Amsterdam' });
    if (errors.length > 0) throw problems.validation(errors);
    const after: VersionedProfile = {
      ...before,
      displayName: input.displayName.trim(),
      phone,
      preferredLanguage: input.preferredLanguage ?? null,
      timeZone,
      version: row.version + 1,
    };
    const changes = changedFields(before, after, ['displayName', 'phone', 'preferredLanguage', 'timeZone']);
    if (changes.length === 0) return before;
    const user = ctx.requireUser();
    const db = await ctx.db();
    await db.update(
      User,
      { tenantId: ctx.tenant.id, id: user.id },
      {
        displayName: after.displayName,
        phoneE164: after.phone,
        preferredLanguage: after.preferredLanguage,
        timeZone: after.timeZone,
        version: () => 'version + 1',
      },
    );
    await this.history.record(ctx, 'profile', user.id, changes);
    return after;
  }

  private async load(ctx: RequestContext, lock: boolean): Promise<ProfileRow> {
    const db = await ctx.db();
    // SQL: the profile read is a hot path; one statement joins the account's country and row-locks the user (FOR NO KEY UPDATE OF u) when saving.
    const rows: ProfileRow[] = await db.query(
      `SELECT u.display_name, u.email, u.phone_e164, u.preferred_language, u.time_zone, u.version, a.country
         FROM app_user u LEFT JOIN subscriber_account a ON a.tenant_id = u.tenant_id AND a.id = u.account_id
        WHERE u.tenant_id = $1 AND u.id = $2 ${lock ? 'FOR NO KEY UPDATE OF u' : ''}`,
      [ctx.tenant.id, ctx.requireUser().id],
    );
    if (!rows[0]) throw problems.notFound();
    return rows[0];
  }
}

/** The profile; a phone number without +country is read in the account's billing country, else in `tenantCountry`. */
function toProfile(row: ProfileRow, tenantCountry: string): VersionedProfile {
  return {
    displayName: row.display_name,
    email: row.email,
    phone: row.phone_e164,
    preferredLanguage: row.preferred_language,
    timeZone: row.time_zone,
    phoneCountry: row.country ?? tenantCountry,
    version: row.version,
  };
}

/** E.164 from what the user typed; a number without +country is read in `country` (the account's billing country, else the tenant's). */
function normalizePhone(raw: string | null | undefined, country: string | null, errors: FieldError[]): string | null {
  const value = raw?.trim();
  if (!value) return null;
  // extract: false — the whole input must be a phone number; the default would pick one out of any
  // text ("06 1234 5678x" would pass as +31612345678).
  const parsed = parsePhoneNumberFromString(value, {
    defaultCountry: (country ?? undefined) as CountryCode | undefined,
    extract: false,
  });
  if (!parsed || !parsed.isValid()) {
    errors.push({
      field: 'phone',
      code: 'isPhoneNumber',
      message: 'Not a valid phone number; use the international form, such as +31 6 12345678',
    });
    return null;
  }
  return parsed.number;
}
