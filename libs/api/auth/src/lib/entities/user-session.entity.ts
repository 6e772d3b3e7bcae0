import {
  Check,
  Column,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  Unique,
} from 'typeorm';
import type { SignInMethod } from '@mijn-account/shared-contracts';
import type { User } from './user.entity';

/**
 * A server-side session. The cookie carries a random token; only its SHA-256 is stored, so a
 * copy of this table does not let anyone sign in.
 */
@Check('user_session_id_check', `(length(id) = 32)`)
@Check(
  'user_session_method_check',
  `(method = ANY (ARRAY['password'::text, 'google'::text, 'microsoft'::text, 'link'::text]))`,
)
@Unique('user_session_public_id', ['tenantId', 'publicId'])
@Index('user_session_user_idx', ['tenantId', 'userId'])
@Entity('user_session')
export class UserSession {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('bytea')
  id!: Buffer;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_seen_at', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column('inet', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @Column('uuid', { name: 'public_id' })
  @Generated('uuid')
  publicId!: string;

  @Column('text', { default: () => "'password'" })
  method!: SignInMethod;

  @Column('timestamptz', { name: 'second_factor_at', nullable: true })
  secondFactorAt!: Date | null;

  @Column('timestamptz', { name: 'reauthenticated_at', default: () => 'now()' })
  reauthenticatedAt!: Date;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'user_session_tenant_id_user_id_fkey',
    },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: Relation<User>;
}
