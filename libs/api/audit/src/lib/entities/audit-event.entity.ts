import { Column, Entity, Generated, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Table `audit_event`. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('uuid')
  @Generated('uuid')
  id!: string;

  @Column('timestamptz')
  at!: Date;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text', { name: 'actor_name' })
  actorName!: string;

  @Column('enum', { name: 'actor_kind', enum: ['subscriber', 'staff', 'system'], enumName: 'audit_actor_kind' })
  actorKind!: 'subscriber' | 'staff' | 'system';

  @Column('text')
  action!: string;

  @Column('text')
  resource!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  fields!: string[];

  @Column('enum', { enum: ['allowed', 'refused', 'failed'], enumName: 'audit_outcome', nullable: true })
  outcome!: 'allowed' | 'refused' | 'failed' | null;

  @Column('uuid', { name: 'grant_id', nullable: true })
  grantId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { nullable: true })
  ticket!: string | null;

  @Column('varchar', { length: 45, nullable: true })
  ip!: string | null;

  /** Salt of the personal-data digest the seal chains; emptied with the person's data on erasure (ADR 0015). */
  @Column('bytea', { name: 'personal_salt', nullable: true, default: () => 'uuid_send(gen_random_uuid())' })
  personalSalt!: Buffer | null;

  @PrimaryGeneratedColumn('identity', { name: 'entry_no', type: 'bigint', generatedIdentity: 'ALWAYS' })
  entryNo!: string;
}
