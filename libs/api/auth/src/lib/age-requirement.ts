import type { EntityManager } from 'typeorm';
import { type FieldError, type AgeConfirmation, type AgeRequirement } from '@mijn-account/shared-contracts';

/**
 * The age confirmation the tenant's sign-up asks for (issue 18 §1), from its privacy settings; null
 * when it asks none. SQL: the privacy library (which owns the settings) builds on this one.
 */
export async function readAgeRequirement(db: EntityManager, tenantId: string): Promise<AgeRequirement | null> {
  const rows: { minimum_age: number | null; parental_consent_allowed: boolean }[] = await db.query(
    `SELECT minimum_age, parental_consent_allowed FROM privacy_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  const row = rows[0];
  if (!row || row.minimum_age === null) return null;
  return { minimumAge: row.minimum_age, parentalConsentAllowed: row.parental_consent_allowed };
}

/** What is wrong with a sign-up's answer to the tenant's age requirement (nothing when it asks none). */
export function ageErrors(requirement: AgeRequirement | null, answer: AgeConfirmation | undefined): FieldError[] {
  if (!requirement) return [];
  if (!answer)
    return [
      {
        field: 'ageConfirmation',
        code: 'ageRequired',
        message: `Confirm that you are ${requirement.minimumAge} or older${requirement.parentalConsentAllowed ? ', or have a parent’s permission' : ''}`,
      },
    ];
  if (answer === 'parental-consent' && !requirement.parentalConsentAllowed)
    return [
      {
        field: 'ageConfirmation',
        code: 'parentalConsentNotAllowed',
        message: `This portal is for people of ${requirement.minimumAge} or older`,
      },
    ];
  return [];
}
