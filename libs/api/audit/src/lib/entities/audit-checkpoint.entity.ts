import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { AuditChain } from './audit-chain.entity';

/** Table `audit_checkpoint`. */
@Check('audit_checkpoint_hash_check', `(length(hash) = 32)`)
@Entity('audit_checkpoint')
export class AuditCheckpoint {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @PrimaryColumn('bigint')
  seq!: string;

  @Column('bytea')
  hash!: Buffer;

  @Column('text', { name: 'key_id' })
  keyId!: string;

  @Column('bytea')
  signature!: Buffer;

  @Column('timestamptz', { name: 'signed_at', default: () => 'now()' })
  signedAt!: Date;

  @ManyToOne('AuditChain')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'audit_checkpoint_tenant_id_account_id_fkey',
    },
    { name: 'account_id', referencedColumnName: 'accountId' },
  ])
  account?: Relation<AuditChain>;
}
