import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@mijn-account/shared-contracts';

/** A subscription business running its own portal. Platform table: no tenant_id, read-only for the runtime role. */
@Entity('tenant')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { name: 'default_language' })
  defaultLanguage!: Language;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('text', { name: 'brand_color' })
  brandColor!: string;

  @Column('text', { name: 'logo_url', nullable: true })
  logoUrl!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
