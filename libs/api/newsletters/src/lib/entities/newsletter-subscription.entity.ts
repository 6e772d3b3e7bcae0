import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { NewsletterList } from './newsletter-list.entity';

/** Table `newsletter_subscription`. */
@Check(
  'newsletter_subscription_status_check',
  `(status = ANY (ARRAY['pending'::text, 'confirmed'::text, 'unsubscribed'::text]))`,
)
@Entity('newsletter_subscription')
export class NewsletterSubscription {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'list_id' })
  listId!: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  status!: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne('NewsletterList')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'newsletter_subscription_tenant_id_list_id_fkey',
    },
    { name: 'list_id', referencedColumnName: 'id' },
  ])
  list?: Relation<NewsletterList>;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'newsletter_subscription_tenant_id_user_id_fkey',
    },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: unknown;
}
