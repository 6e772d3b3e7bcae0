import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldChange, UserKind } from '@mijn-account/shared-contracts';

/** One save that changed a profile or billing details: append-only (a trigger refuses updates and deletes). */
@Check('change_history_changed_by_kind_check', `(changed_by_kind = ANY (ARRAY['subscriber'::text, 'staff'::text]))`)
@Check(
  'change_history_subject_type_check',
  `(subject_type = ANY (ARRAY['profile'::text, 'billing'::text, 'subscription'::text]))`,
)
@Index('change_history_subject_idx', ['tenantId', 'subjectType', 'subjectId', 'at'])
@Entity('change_history')
export class ChangeHistoryRecord {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('text', { name: 'subject_type' })
  subjectType!: 'profile' | 'billing' | 'subscription';

  @Column('uuid', { name: 'subject_id' })
  subjectId!: string;

  @Column('uuid', { name: 'changed_by', nullable: true })
  changedBy!: string | null;

  @Column('text', { name: 'changed_by_name' })
  changedByName!: string;

  @Column('text', { name: 'changed_by_kind' })
  changedByKind!: UserKind;

  @Column('jsonb')
  changes!: FieldChange[];

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'change_history_tenant_id_fkey',
  })
  tenant?: unknown;
}
