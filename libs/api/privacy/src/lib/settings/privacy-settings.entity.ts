import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `privacy_settings`: the tenant's privacy contact, supervisory authority and erasure grace period. */
@Check('privacy_settings_contact_email_check', `((length(contact_email) >= 3) AND (length(contact_email) <= 254))`)
@Check('privacy_settings_contact_phone_check', `(contact_phone ~ '^\\+[1-9][0-9]{6,14}$'::text)`)
@Check('privacy_settings_authority_name_check', `((length(authority_name) >= 1) AND (length(authority_name) <= 200))`)
@Check('privacy_settings_authority_url_check', `(authority_url ~ '^https://'::text)`)
@Check('privacy_settings_erasure_grace_days_check', `((erasure_grace_days >= 0) AND (erasure_grace_days <= 90))`)
@Check('privacy_settings_minimum_age_check', `((minimum_age >= 1) AND (minimum_age <= 21))`)
@Entity('privacy_settings')
export class PrivacySettings {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  /** Where people send privacy questions and where the daily deadline mail goes. */
  @Column('text', { name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  /** The supervisory authority people may complain to (e.g. Autoriteit Persoonsgegevens). */
  @Column('text', { name: 'authority_name', nullable: true })
  authorityName!: string | null;

  @Column('text', { name: 'authority_url', nullable: true })
  authorityUrl!: string | null;

  /** Days between a confirmed erasure request and the erasure (cancellable until then). */
  @Column('integer', { name: 'erasure_grace_days', default: 14 })
  erasureGraceDays!: number;

  /** The age sign-up asks people to confirm; null when it asks none. */
  @Column('integer', { name: 'minimum_age', nullable: true })
  minimumAge!: number | null;

  /** Whether a younger person may sign up with a parent's or guardian's permission. */
  @Column('boolean', { name: 'parental_consent_allowed', default: false })
  parentalConsentAllowed!: boolean;

  /** Whether the portal offers its one optional cookie (asked for by a consent banner). */
  @Column('boolean', { name: 'optional_cookie', default: false })
  optionalCookie!: boolean;

  /** The switch's own ETag (apart from `version`, the privacy settings form's). */
  @Column('integer', { name: 'optional_cookie_version', default: 1 })
  optionalCookieVersion!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'privacy_settings_tenant_id_fkey',
  })
  tenant?: unknown;
}
