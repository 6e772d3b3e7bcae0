import { Column, CreateDateColumn, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { AccountRole, Language, StaffRole, UserKind } from '@mijn-account/shared-contracts';

/** A person who signs in to one tenant's portal. Table `app_user` because `user` is reserved in SQL. */
@Entity('app_user')
export class User {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id!: string;

  /** Stored lower-case; unique per tenant, so the same address in two tenants is two unrelated users. */
  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text')
  kind!: UserKind;

  @Column('uuid', { name: 'account_id', nullable: true })
  accountId!: string | null;

  @Column('text', { name: 'account_role', nullable: true })
  accountRole!: AccountRole | null;

  @Column('text', { name: 'staff_roles', array: true, default: () => "'{}'" })
  staffRoles!: StaffRole[];

  @Column('text', { name: 'preferred_language', nullable: true })
  preferredLanguage!: Language | null;

  /** Null until the person proved the address (sign-up link, invitation, reset); such a user cannot sign in. */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'int' })
  version!: number;
}
