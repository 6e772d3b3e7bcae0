import { SubscriberAccount } from './subscriber-account.entity';
import { ChangeHistoryRecord } from './change-history-record.entity';

export { SubscriberAccount, ChangeHistoryRecord };
/** The entities of the accounts library's tables. */
export const ACCOUNTS_ENTITIES = [SubscriberAccount, ChangeHistoryRecord];
