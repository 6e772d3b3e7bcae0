import type { Language } from './roles';

/**
 * The privacy page, the record of processing activities, the privacy contact, age confirmation at
 * sign-up and disclosures (issue 18 §1 and §9).
 */

/** The six lawful bases of GDPR Art. 6(1), (a) to (f). */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** One row of the tenant's record of processing activities (Art. 30), in both languages, as the admin keeps it. */
export interface ProcessingActivityInput {
  categoryNl: string;
  categoryEn: string;
  purposeNl: string;
  purposeEn: string;
  legalBasis: LegalBasis;
  retentionNl: string;
  retentionEn: string;
  recipientsNl: string;
  recipientsEn: string;
  /** Automated decision-making or profiling (Art. 22) described; null when none applies. */
  automatedDecisionNl: string | null;
  automatedDecisionEn: string | null;
  /** Where the row shows in the list (ascending). */
  position: number;
}

export interface ProcessingActivityView extends ProcessingActivityInput {
  id: string;
  /** The row's version, sent back as If-Match (`"v<version>"`) to edit or delete it. */
  version: number;
}

/** The tenant's privacy settings (tenant admin; versioned with ETag / If-Match). */
export interface PrivacySettingsUpdate {
  contactEmail: string | null;
  contactPhone: string | null;
  authorityName: string | null;
  authorityUrl: string | null;
  erasureGraceDays: number;
  /** The age sign-up asks people to confirm; null when the portal asks none. */
  minimumAge: number | null;
  /** Whether a younger person may sign up with a parent's or guardian's permission. */
  parentalConsentAllowed: boolean;
}
export type PrivacySettingsView = PrivacySettingsUpdate;

/** One processing activity as the person reads it, in their language. */
export interface HeldDataView {
  id: string;
  category: string;
  purpose: string;
  legalBasis: LegalBasis;
  retention: string;
  recipients: string;
  automatedDecision: string | null;
}

/** A disclosure of the person's data to a third party, as they see it (once any legal hold has ended). */
export interface MyDisclosureView {
  id: string;
  recipient: string;
  legalBasis: LegalBasis;
  categories: string;
  /** YYYY-MM-DD */
  disclosedOn: string;
}

/** GET /api/me/privacy: what the tenant holds about the caller and why, and whom to ask. */
export interface PrivacyOverview {
  language: Language;
  held: HeldDataView[];
  contact: { email: string | null; phone: string | null };
  authority: { name: string; url: string } | null;
  disclosures: MyDisclosureView[];
}

export const PRIVACY_QUESTION_KINDS = ['question', 'complaint'] as const;
export type PrivacyQuestionKind = (typeof PRIVACY_QUESTION_KINDS)[number];

/** POST /api/me/privacy/questions: a question or complaint to the tenant's privacy contact. */
export interface PrivacyQuestionRequest {
  kind: PrivacyQuestionKind;
  message: string;
}

export interface PrivacyQuestionReceipt {
  requestId: string;
  /** YYYY-MM-DD: one month after receipt (Art. 12(3)). */
  deadline: string;
}

/** What a tenant admin records when the tenant disclosed a person's data to a third party. */
export interface DisclosureCreate {
  /** The person, by their sign-in e-mail address. */
  email: string;
  recipient: string;
  legalBasis: LegalBasis;
  categories: string;
  /** YYYY-MM-DD */
  disclosedOn: string;
  /** YYYY-MM-DD: a legal hold; the person is told from this day on. */
  noticeDelayedUntil: string | null;
}

export interface DisclosureView extends Omit<DisclosureCreate, 'email'> {
  id: string;
  email: string;
  displayName: string;
  recordedBy: string;
  recordedAt: string;
}

/** The age sign-up asks people to confirm (GET /api/session/options); null when none. */
export interface AgeRequirement {
  minimumAge: number;
  parentalConsentAllowed: boolean;
}

/** The answer sign-up records: old enough, or younger with a parent's or guardian's permission. */
export const AGE_CONFIRMATIONS = ['of-age', 'parental-consent'] as const;
export type AgeConfirmation = (typeof AGE_CONFIRMATIONS)[number];

/**
 * The exact sentence sign-up shows beside each choice, and the consent ledger records: one text for
 * the page and the proof, so what was recorded is what the person read.
 */
export function ageWording(choice: AgeConfirmation, minimumAge: number, language: Language): string {
  if (language === 'nl')
    return choice === 'of-age'
      ? `Ik ben ${minimumAge} jaar of ouder.`
      : `Ik ben jonger dan ${minimumAge} en mijn ouder of voogd geeft toestemming.`;
  return choice === 'of-age'
    ? `I am ${minimumAge} or older.`
    : `I am under ${minimumAge} and my parent or guardian gives permission.`;
}
