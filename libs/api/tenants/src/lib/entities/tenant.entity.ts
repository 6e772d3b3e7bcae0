import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Language } from '@mijn-account/shared-contracts';

/** A subscription business running its own portal. Platform table: no tenant_id, read-only for the runtime role. */
@Check('tenant_brand_color_check', `(brand_color ~ '^#[0-9a-fA-F]{6}$'::text)`)
@Check('tenant_country_check', `(country ~ '^[A-Z]{2}$'::text)`)
@Check('tenant_currency_check', `(currency ~ '^[A-Z]{3}$'::text)`)
@Check('tenant_default_language_check', `(default_language = ANY (ARRAY['nl'::text, 'en'::text]))`)
@Check('tenant_display_name_check', `((length(display_name) >= 1) AND (length(display_name) <= 100))`)
@Check('tenant_slug_check', `(slug ~ '^[a-z][a-z0-9-]{0,38}[a-z0-9]$'::text)`)
@Unique('tenant_slug_key', ['slug'])
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

  /** ISO 3166-1 alpha-2: a phone number without +country is read in it when the account has no billing country. */
  @Column('text')
  country!: string;

  @Column('text', { name: 'brand_color' })
  brandColor!: string;

  @Column('text', { name: 'logo_url', nullable: true })
  logoUrl!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
