/**
 * SQL: the address an account's invoices and reminders go to — its billing e-mail, else its first
 * owner's e-mail. One expression for the document (the buyer's electronic address, Peppol's
 * PEPPOL-EN16931-R010), the invoice mail and the reminders, so they never disagree.
 * `account` is the alias of the joined subscriber_account row.
 */
export function invoiceRecipientSql(account: string): string {
  return `COALESCE(${account}.billing_email, (SELECT u.email FROM app_user u
            WHERE u.tenant_id = ${account}.tenant_id AND u.account_id = ${account}.id AND u.account_role = 'owner'
            ORDER BY u.created_at LIMIT 1))`;
}
