import { MailMessage } from './mail-message.entity';

export { MailMessage };
/** The entities of the mail library's tables. */
export const MAIL_ENTITIES = [MailMessage];
