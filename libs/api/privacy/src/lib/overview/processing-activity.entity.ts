import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LegalBasis } from '@mijn-account/shared-contracts';

/** Table `processing_activity`: one row of the tenant's record of processing activities (Art. 30), nl and en. */
@Check('processing_activity_category_nl_check', `((length(category_nl) >= 1) AND (length(category_nl) <= 200))`)
@Check('processing_activity_category_en_check', `((length(category_en) >= 1) AND (length(category_en) <= 200))`)
@Check('processing_activity_purpose_nl_check', `((length(purpose_nl) >= 1) AND (length(purpose_nl) <= 2000))`)
@Check('processing_activity_purpose_en_check', `((length(purpose_en) >= 1) AND (length(purpose_en) <= 2000))`)
@Check(
  'processing_activity_legal_basis_check',
  `(legal_basis = ANY (ARRAY['consent'::text, 'contract'::text, 'legal-obligation'::text, 'vital-interests'::text, 'public-task'::text, 'legitimate-interests'::text]))`,
)
@Check('processing_activity_retention_nl_check', `((length(retention_nl) >= 1) AND (length(retention_nl) <= 1000))`)
@Check('processing_activity_retention_en_check', `((length(retention_en) >= 1) AND (length(retention_en) <= 1000))`)
@Check('processing_activity_recipients_nl_check', `((length(recipients_nl) >= 1) AND (length(recipients_nl) <= 1000))`)
@Check('processing_activity_recipients_en_check', `((length(recipients_en) >= 1) AND (length(recipients_en) <= 1000))`)
@Check(
  'processing_activity_automated_decision_nl_check',
  `((length(automated_decision_nl) >= 1) AND (length(automated_decision_nl) <= 2000))`,
)
@Check(
  'processing_activity_automated_decision_en_check',
  `((length(automated_decision_en) >= 1) AND (length(automated_decision_en) <= 2000))`,
)
@Check('processing_activity_automated_check', `((automated_decision_nl IS NULL) = (automated_decision_en IS NULL))`)
@Entity('processing_activity')
export class ProcessingActivity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('integer', { default: 0 })
  position!: number;

  @Column('text', { name: 'category_nl' })
  categoryNl!: string;

  @Column('text', { name: 'category_en' })
  categoryEn!: string;

  @Column('text', { name: 'purpose_nl' })
  purposeNl!: string;

  @Column('text', { name: 'purpose_en' })
  purposeEn!: string;

  @Column('text', { name: 'legal_basis' })
  legalBasis!: LegalBasis;

  @Column('text', { name: 'retention_nl' })
  retentionNl!: string;

  @Column('text', { name: 'retention_en' })
  retentionEn!: string;

  @Column('text', { name: 'recipients_nl' })
  recipientsNl!: string;

  @Column('text', { name: 'recipients_en' })
  recipientsEn!: string;

  /** Automated decision-making or profiling (Art. 22); null (both languages) when none applies. */
  @Column('text', { name: 'automated_decision_nl', nullable: true })
  automatedDecisionNl!: string | null;

  @Column('text', { name: 'automated_decision_en', nullable: true })
  automatedDecisionEn!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'processing_activity_tenant_id_fkey',
  })
  tenant?: unknown;
}
