import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountRole, StaffRole, UserKind } from '@mijn-account/shared-contracts';

/** Table `invitation`. */
@Check('invitation_account_role_check', `(account_role = ANY (ARRAY['owner'::text, 'member'::text]))`)
@Check('invitation_display_name_check', `((length(display_name) >= 1) AND (length(display_name) <= 200))`)
@Check('invitation_email_check', `((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 254)))`)
@Check('invitation_kind_check', `(kind = ANY (ARRAY['subscriber'::text, 'staff'::text]))`)
@Check(
  'invitation_kind_roles',
  `(((kind = 'subscriber'::text) AND (account_id IS NOT NULL) AND (account_role IS NOT NULL) AND (staff_roles = '{}'::text[])) OR ((kind = 'staff'::text) AND (account_id IS NULL) AND (account_role IS NULL) AND (cardinality(staff_roles) > 0) AND (staff_roles <@ ARRAY['helpdesk-agent'::text, 'helpdesk-supervisor'::text, 'finance'::text, 'tenant-admin'::text])))`,
)
@Index('invitation_account_idx', ['tenantId', 'accountId'])
@Entity('invitation')
export class Invitation {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text')
  kind!: UserKind;

  @Column('uuid', { name: 'account_id', nullable: true })
  accountId!: string | null;

  @Column('text', { name: 'account_role', nullable: true })
  accountRole!: AccountRole | null;

  @Column('text', { name: 'staff_roles', array: true, default: () => "'{}'" })
  staffRoles!: StaffRole[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @ManyToOne('SubscriberAccount', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'invitation_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  account?: unknown;

  @ManyToOne('Tenant')
  @JoinColumn({ name: 'tenant_id', referencedColumnName: 'id', foreignKeyConstraintName: 'invitation_tenant_id_fkey' })
  tenant?: unknown;
}
