import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `audit_chain`. */
@Check('audit_chain_last_hash_check', `(length(last_hash) = 32)`)
@Entity('audit_chain')
export class AuditChain {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('bigint', { name: 'last_seq' })
  lastSeq!: string;

  @Column('bytea', { name: 'last_hash' })
  lastHash!: Buffer;

  /** The signed checkpoint the retention purge left as the chain's start (0: none purged, starts at genesis). */
  @Column('bigint', { name: 'purged_through', default: 0 })
  purgedThrough!: string;

  @ManyToOne('SubscriberAccount')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'audit_chain_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'id' },
  ])
  account?: unknown;
}
