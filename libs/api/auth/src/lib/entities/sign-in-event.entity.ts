import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { SignInEventInfo } from '@mijn-account/shared-contracts';
import type { User } from './user.entity';

/** Table `sign_in_event`. */
@Index('sign_in_event_user_idx', ['tenantId', 'userId', 'at'])
@Entity('sign_in_event')
export class SignInEvent {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text')
  method!: string;

  @Column('text')
  outcome!: SignInEventInfo['outcome'];

  @Column('inet', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @Column('boolean', { name: 'new_device', default: false })
  newDevice!: boolean;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'sign_in_event_tenant_id_fkey',
  })
  tenant?: unknown;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'sign_in_event_tenant_id_user_id_fkey',
    },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: Relation<User>;
}
