import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Table `tax_category`: a tenant's VAT rate for domestic customers, with the text its invoices print. */
@Check('tax_category_category_check', `(category = ANY (ARRAY['S'::text, 'Z'::text, 'E'::text]))`)
@Check('tax_category_code_check', `(code ~ '^[a-z0-9-]{1,20}$'::text)`)
@Check('tax_category_rate_basis_points_check', `((rate_basis_points >= 0) AND (rate_basis_points <= 10000))`)
@Check('tax_category_rate_check', `((category = 'S'::text) OR (rate_basis_points = 0))`)
@Check('tax_category_text_en_check', `((length(text_en) >= 1) AND (length(text_en) <= 200))`)
@Check('tax_category_text_nl_check', `((length(text_nl) >= 1) AND (length(text_nl) <= 200))`)
@Entity('tax_category')
export class TaxCategory {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  category!: 'S' | 'Z' | 'E';

  @Column('integer', { name: 'rate_basis_points' })
  rateBasisPoints!: number;

  @Column('text', { name: 'text_nl' })
  textNl!: string;

  @Column('text', { name: 'text_en' })
  textEn!: string;

  @ManyToOne('Tenant')
  @JoinColumn({
    name: 'tenant_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'tax_category_tenant_id_fkey',
  })
  tenant?: unknown;
}
