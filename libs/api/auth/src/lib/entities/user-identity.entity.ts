import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, Unique } from 'typeorm';
import type { User } from './user.entity';

/** Table `user_identity`. */
@Check('user_identity_issuer_length', `((length(issuer) >= 1) AND (length(issuer) <= 300))`)
@Check('user_identity_provider_check', `(provider = ANY (ARRAY['google'::text, 'microsoft'::text]))`)
@Check('user_identity_subject_check', `((length(subject) >= 1) AND (length(subject) <= 300))`)
@Unique('user_identity_tenant_id_user_id_provider_key', ['tenantId', 'userId', 'provider'])
@Entity('user_identity')
export class UserIdentity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  provider!: string;

  @PrimaryColumn('text')
  subject!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @PrimaryColumn('text')
  issuer!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'user_identity_tenant_id_user_id_fkey',
    },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: Relation<User>;
}
