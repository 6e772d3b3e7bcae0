import { NewsletterList } from './newsletter-list.entity';
import { NewsletterSubscription } from './newsletter-subscription.entity';
import { ConsentRecord } from './consent-record.entity';
import { NewsletterIssue } from './newsletter-issue.entity';

export { NewsletterList, NewsletterSubscription, ConsentRecord, NewsletterIssue };
/** The entities of the newsletters library's tables. */
export const NEWSLETTERS_ENTITIES = [NewsletterList, NewsletterSubscription, ConsentRecord, NewsletterIssue];
