import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `privacy_deadline_notice`: the daily mail to the privacy contact about requests due soon, once per tenant and day. */
@Entity('privacy_deadline_notice')
export class PrivacyDeadlineNotice {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  /** The tenant's calendar day the notice is for. */
  @PrimaryColumn('date')
  day!: string;

  @Column('text')
  recipient!: string;

  /** How many open requests the mail named. */
  @Column('integer')
  requests!: number;

  @Column('timestamptz', { name: 'sent_at', default: () => 'now()' })
  sentAt!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'privacy_deadline_notice_tenant_id_fkey',
  })
  tenant?: unknown;
}
