import { SubscriberAccount } from './subscriber-account.entity';
import { ChangeHistoryEntry } from './change-history-entry.entity';

export { SubscriberAccount, ChangeHistoryEntry };
/** The entities of the accounts library's tables. */
export const ACCOUNTS_ENTITIES = [SubscriberAccount, ChangeHistoryEntry];
