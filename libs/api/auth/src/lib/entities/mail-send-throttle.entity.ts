import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `mail_send_throttle`. */
@Check('mail_send_throttle_sent_check', `(sent >= 0)`)
@Entity('mail_send_throttle')
export class MailSendThrottle {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  key!: string;

  @Column('timestamptz', { name: 'window_started_at', default: () => 'now()' })
  windowStartedAt!: Date;

  @Column('integer', { default: 0 })
  sent!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'mail_send_throttle_tenant_id_fkey',
  })
  tenant?: unknown;
}
