import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';

/** A customer of the tenant (company or person) with its billing details; users belong to one. */
@Check(
  'subscriber_account_billing_email_check',
  `((billing_email = lower(billing_email)) AND ((length(billing_email) >= 3) AND (length(billing_email) <= 254)))`,
)
@Check('subscriber_account_city_check', `((length(city) >= 1) AND (length(city) <= 100))`)
@Check('subscriber_account_coc_number_check', `((length(coc_number) >= 1) AND (length(coc_number) <= 20))`)
@Check('subscriber_account_company_name_check', `((length(company_name) >= 1) AND (length(company_name) <= 200))`)
@Check('subscriber_account_country_check', `(country ~ '^[A-Z]{2}$'::text)`)
@Check(
  'subscriber_account_customer_number_check',
  `((length(customer_number) >= 1) AND (length(customer_number) <= 40))`,
)
@Check(
  'subscriber_account_house_number_addition_check',
  `((length(house_number_addition) >= 1) AND (length(house_number_addition) <= 10))`,
)
@Check('subscriber_account_house_number_check', `((length(house_number) >= 1) AND (length(house_number) <= 10))`)
@Check('subscriber_account_name_check', `((length(name) >= 1) AND (length(name) <= 200))`)
@Check('subscriber_account_region_check', `((length(region) >= 1) AND (length(region) <= 100))`)
@Check('subscriber_account_postal_code_check', `((length(postal_code) >= 2) AND (length(postal_code) <= 12))`)
@Check('subscriber_account_street_check', `((length(street) >= 1) AND (length(street) <= 200))`)
@Check('subscriber_account_vat_id_check', `(vat_id ~ '^([A-Z]{2}[0-9A-Z+*.]{2,13}|[0-9]{9}RT[0-9]{4})$'::text)`)
@Unique('subscriber_account_tenant_id_customer_number_key', ['tenantId', 'customerNumber'])
@Entity('subscriber_account')
export class SubscriberAccount {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { name: 'customer_number' })
  customerNumber!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @Column('text', { name: 'company_name', nullable: true })
  companyName!: string | null;

  @Column('text', { name: 'coc_number', nullable: true })
  cocNumber!: string | null;

  @Column('text', { name: 'vat_id', nullable: true })
  vatId!: string | null;

  @Column('boolean', { name: 'vat_valid', nullable: true })
  vatValid!: boolean | null;

  @Column('timestamptz', { name: 'vat_checked_at', nullable: true })
  vatCheckedAt!: Date | null;

  /** The owner lets members see the account's invoices (Mijn facturen). */
  @Column('boolean', { name: 'members_see_invoices', default: false })
  membersSeeInvoices!: boolean;

  @Column('text', { name: 'billing_email', nullable: true })
  billingEmail!: string | null;

  @Column('text', { nullable: true })
  street!: string | null;

  @Column('text', { name: 'house_number', nullable: true })
  houseNumber!: string | null;

  @Column('text', { name: 'house_number_addition', nullable: true })
  houseNumberAddition!: string | null;

  @Column('text', { name: 'postal_code', nullable: true })
  postalCode!: string | null;

  @Column('text', { nullable: true })
  city!: string | null;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('char', { length: 2, nullable: true })
  country!: string | null;

  /** When the account's last person was erased (its personal columns emptied; invoices kept). */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'subscriber_account_tenant_id_fkey',
  })
  tenant?: unknown;
}
