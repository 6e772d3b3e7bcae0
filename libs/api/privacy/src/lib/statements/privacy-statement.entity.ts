import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Table `privacy_statement`: one version of the tenant's privacy statement, nl and en in Markdown
 * (issue 18 §6). A draft until published; a published version never changes (a trigger).
 */
@Check('privacy_statement_version_check', `(version >= 1)`)
@Check('privacy_statement_summary_nl_check', `(length(summary_nl) <= 2000)`)
@Check('privacy_statement_summary_en_check', `(length(summary_en) <= 2000)`)
@Check('privacy_statement_body_nl_check', `(length(body_nl) <= 100000)`)
@Check('privacy_statement_body_en_check', `(length(body_en) <= 100000)`)
@Index('privacy_statement_one_draft', ['tenantId'], { unique: true, where: '(published_at IS NULL)' })
@Entity('privacy_statement')
export class PrivacyStatement {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  /** The statement's number, as people see it ("version 2"). */
  @PrimaryColumn('integer')
  version!: number;

  @Column('date', { name: 'effective_on' })
  effectiveOn!: string;

  @Column('text', { name: 'summary_nl' })
  summaryNl!: string;

  @Column('text', { name: 'summary_en' })
  summaryEn!: string;

  @Column('text', { name: 'body_nl' })
  bodyNl!: string;

  @Column('text', { name: 'body_en' })
  bodyEn!: string;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('uuid', { name: 'published_by', nullable: true })
  publishedBy!: string | null;

  /** How many people the announcement was mailed to. */
  @Column('integer', { name: 'announced_to', nullable: true })
  announcedTo!: number | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  /** The draft's edit counter: its ETag. */
  @Column('integer', { default: 1 })
  revision!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'privacy_statement_tenant_id_fkey',
  })
  tenant?: unknown;
}
