import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { NewsletterList } from './newsletter-list.entity';

/** Table `newsletter_issue`. */
@Check('newsletter_issue_body_check', `((length(body) >= 1) AND (length(body) <= 50000))`)
@Check('newsletter_issue_subject_check', `((length(subject) >= 1) AND (length(subject) <= 200))`)
@Entity('newsletter_issue')
export class NewsletterIssue {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'list_id' })
  listId!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  body!: string;

  @Column('uuid', { name: 'sent_by' })
  sentBy!: string;

  @Column('integer')
  recipients!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne('NewsletterList')
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'newsletter_issue_tenant_id_list_id_fkey',
    },
    { name: 'list_id', referencedColumnName: 'id' },
  ])
  list?: Relation<NewsletterList>;
}
