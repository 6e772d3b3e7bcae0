import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `invoicing_settings`: one row per tenant, the supplier and numbering of its invoices. */
@Check(
  'invoicing_settings_bank_account_check',
  `(((bank_name IS NULL) AND (bank_account_number IS NULL) AND (bank_institution_number IS NULL) AND (bank_transit_number IS NULL)) OR ((bank_name IS NOT NULL) AND (bank_account_number IS NOT NULL) AND (iban IS NULL)))`,
)
@Check(
  'invoicing_settings_bank_account_number_check',
  `((length(bank_account_number) >= 4) AND (length(bank_account_number) <= 60))`,
)
@Check('invoicing_settings_bank_institution_number_check', `(bank_institution_number ~ '^[0-9]{3}$'::text)`)
@Check('invoicing_settings_bank_name_check', `((length(bank_name) >= 1) AND (length(bank_name) <= 100))`)
@Check('invoicing_settings_bank_transit_number_check', `(bank_transit_number ~ '^[0-9]{5}$'::text)`)
@Check('invoicing_settings_bic_check', `(bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'::text)`)
@Check('invoicing_settings_city_check', `((length(city) >= 1) AND (length(city) <= 100))`)
@Check('invoicing_settings_coc_number_check', `((length(coc_number) >= 1) AND (length(coc_number) <= 24))`)
@Check('invoicing_settings_country_check', `(country ~ '^[A-Z]{2}$'::text)`)
@Check('invoicing_settings_footer_en_check', `(length(footer_en) <= 500)`)
@Check('invoicing_settings_footer_nl_check', `(length(footer_nl) <= 500)`)
@Check('invoicing_settings_iban_check', `(iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'::text)`)
@Check('invoicing_settings_invoice_email_check', `((length(invoice_email) >= 3) AND (length(invoice_email) <= 254))`)
@Check('invoicing_settings_legal_name_check', `((length(legal_name) >= 1) AND (length(legal_name) <= 200))`)
@Check('invoicing_settings_number_prefix_check', `(number_prefix ~ '^[A-Z0-9]{1,10}$'::text)`)
@Check('invoicing_settings_payment_term_days_check', `((payment_term_days >= 0) AND (payment_term_days <= 365))`)
@Check('invoicing_settings_postal_code_check', `((length(postal_code) >= 2) AND (length(postal_code) <= 12))`)
@Check('invoicing_settings_reminder_after_days_check', `((reminder_after_days >= 0) AND (reminder_after_days <= 365))`)
@Check(
  'invoicing_settings_reminder_interval_days_check',
  `((reminder_interval_days >= 1) AND (reminder_interval_days <= 365))`,
)
@Check('invoicing_settings_reminder_max_check', `((reminder_max >= 0) AND (reminder_max <= 10))`)
@Check('invoicing_settings_region_check', `((length(region) >= 1) AND (length(region) <= 100))`)
@Check('invoicing_settings_review_window_hours_check', `((review_window_hours >= 0) AND (review_window_hours <= 720))`)
@Check('invoicing_settings_street_line_check', `((length(street_line) >= 1) AND (length(street_line) <= 200))`)
@Check('invoicing_settings_time_zone_check', `((length(time_zone) >= 1) AND (length(time_zone) <= 64))`)
@Check('invoicing_settings_vat_id_check', `(vat_id ~ '^([A-Z]{2}[0-9A-Z+*.]{2,13}|[0-9]{9}RT[0-9]{4})$'::text)`)
@Entity('invoicing_settings')
export class InvoicingSettings {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text', { name: 'legal_name', nullable: true })
  legalName!: string | null;

  @Column('text', { name: 'street_line', nullable: true })
  streetLine!: string | null;

  @Column('text', { name: 'postal_code', nullable: true })
  postalCode!: string | null;

  @Column('text', { nullable: true })
  city!: string | null;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('char', { length: 2, nullable: true })
  country!: string | null;

  @Column('text', { name: 'vat_id', nullable: true })
  vatId!: string | null;

  @Column('text', { name: 'coc_number', nullable: true })
  cocNumber!: string | null;

  @Column('text', { nullable: true })
  iban!: string | null;

  @Column('text', { nullable: true })
  bic!: string | null;

  /** Outside SEPA (ADR 0021): the bank account customers pay to; Canada adds institution and transit numbers. */
  @Column('text', { name: 'bank_name', nullable: true })
  bankName!: string | null;

  @Column('text', { name: 'bank_institution_number', nullable: true })
  bankInstitutionNumber!: string | null;

  @Column('text', { name: 'bank_transit_number', nullable: true })
  bankTransitNumber!: string | null;

  @Column('text', { name: 'bank_account_number', nullable: true })
  bankAccountNumber!: string | null;

  /** Where customers write about their invoices: BT-43, and BT-34 (scheme EM) where no other scheme fits (ADR 0021). */
  @Column('text', { name: 'invoice_email', nullable: true })
  invoiceEmail!: string | null;

  @Column('text', { name: 'number_prefix', nullable: true })
  numberPrefix!: string | null;

  @Column('integer', { name: 'payment_term_days', default: 14 })
  paymentTermDays!: number;

  @Column('integer', { name: 'review_window_hours', default: 24 })
  reviewWindowHours!: number;

  @Column('text', { name: 'footer_nl', default: '' })
  footerNl!: string;

  @Column('text', { name: 'footer_en', default: '' })
  footerEn!: string;

  @Column('text', { name: 'time_zone', default: 'Europe/Amsterdam' })
  timeZone!: string;

  @Column('boolean', { name: 'subscribers_may_change_plan', default: false })
  subscribersMayChangePlan!: boolean;
  /** Payment reminders: the first this many days after the due date, at most `reminderMax` (0: none), days apart. */
  @Column('integer', { name: 'reminder_after_days', default: 7 })
  reminderAfterDays!: number;

  @Column('integer', { name: 'reminder_max', default: 0 })
  reminderMax!: number;

  @Column('integer', { name: 'reminder_interval_days', default: 14 })
  reminderIntervalDays!: number;

  @Column('integer', { default: 1 })
  version!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'invoicing_settings_tenant_id_fkey',
  })
  tenant?: unknown;
}
