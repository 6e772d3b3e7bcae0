import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** Table `audit_seal`. */
@Unique('audit_seal_tenant_id_entry_no_key', ['tenantId', 'entryNo'])
@Entity('audit_seal')
export class AuditSeal {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  /** Domain `audit_seq` (CHECK ((VALUE >= 1))). */
  @PrimaryColumn('bigint')
  seq!: string;

  @Column('bigint', { name: 'entry_no' })
  entryNo!: string;

  /** Domain `sha256_digest` (CHECK ((length(VALUE) = 32))). */
  @Column('bytea', { name: 'prev_hash' })
  prevHash!: Buffer;

  /** Domain `sha256_digest` (CHECK ((length(VALUE) = 32))). */
  @Column('bytea')
  hash!: Buffer;

  /** sha256(salt ‖ [actor id, actor name, ip]), chained in their place; null for events sealed before ADR 0015. */
  @Column('bytea', { name: 'personal_digest', nullable: true })
  personalDigest!: Buffer | null;
}
