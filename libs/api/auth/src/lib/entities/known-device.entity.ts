import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { User } from './user.entity';

/** Table `known_device`. */
@Entity('known_device')
export class KnownDevice {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @PrimaryColumn('bytea', { name: 'device_hash' })
  deviceHash!: Buffer;

  @Column('timestamptz', { name: 'first_seen', default: () => 'now()' })
  firstSeen!: Date;

  @Column('timestamptz', { name: 'last_seen', default: () => 'now()' })
  lastSeen!: Date;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'known_device_tenant_id_user_id_fkey',
    },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: Relation<User>;
}
