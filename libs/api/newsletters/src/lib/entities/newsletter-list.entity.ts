import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Table `newsletter_list`. */
@Check('newsletter_list_description_en_check', `(length(description_en) <= 500)`)
@Check('newsletter_list_description_nl_check', `(length(description_nl) <= 500)`)
@Check('newsletter_list_name_en_check', `((length(name_en) >= 1) AND (length(name_en) <= 100))`)
@Check('newsletter_list_name_nl_check', `((length(name_nl) >= 1) AND (length(name_nl) <= 100))`)
@Entity('newsletter_list')
export class NewsletterList {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { name: 'name_nl' })
  nameNl!: string;

  @Column('text', { name: 'name_en' })
  nameEn!: string;

  @Column('text', { name: 'description_nl', default: () => "''" })
  descriptionNl!: string;

  @Column('text', { name: 'description_en', default: () => "''" })
  descriptionEn!: string;

  @Column('boolean', { default: true })
  visible!: boolean;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'newsletter_list_tenant_id_fkey',
  })
  tenant?: unknown;
}
