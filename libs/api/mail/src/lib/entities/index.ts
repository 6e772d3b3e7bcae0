import { MailAttachment } from './mail-attachment.entity';
import { MailMessage } from './mail-message.entity';

export { MailAttachment, MailMessage };
/** The entities of the mail library's tables. */
export const MAIL_ENTITIES = [MailMessage, MailAttachment];
