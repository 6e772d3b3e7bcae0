import { Injectable } from '@nestjs/common';
import { type InvoiceFile, issuedInvoiceFile, issuedInvoices } from '@mijn-account/api-billing';
import type { RequestContext } from '@mijn-account/api-core';
import type { MyInvoiceView } from '@mijn-account/shared-contracts';

/** A person of an account as the support view shows them (profile:read). */
export interface SupportProfile {
  displayName: string;
  email: string;
  phone: string | null;
  preferredLanguage: string | null;
  timeZone: string | null;
  role: string;
}

/** One person's subscription to one newsletter, as the support view shows it (newsletters:read). */
export interface SupportNewsletterSubscription {
  email: string;
  /** The list's name in both languages: the agent's page shows the one it speaks. */
  list: { nl: string; en: string };
  status: string;
}

/**
 * What a helpdesk agent reads: the account search (customer number and name only) and, under an
 * active grant that the access guard has checked and logged, the account's people and newsletters.
 * The reads sit here rather than in the accounts and newsletters libraries because they are shaped
 * for the support view and must stay exactly within what the grant's scope names.
 */
@Injectable()
export class SupportViewService {
  /** By customer number, name or a user's e-mail; fewer than 2 characters finds nothing. */
  async searchAccounts(
    ctx: RequestContext,
    q: string,
  ): Promise<{ id: string; customerNumber: string; name: string }[]> {
    const term = q.trim();
    if (term.length < 2) return [];
    const db = await ctx.db();
    const rows: { id: string; customer_number: string; name: string }[] = await db.query(
      `SELECT a.id, a.customer_number, a.name FROM subscriber_account a
        WHERE a.tenant_id = $1 AND (a.customer_number ILIKE $2 || '%' OR a.name ILIKE '%' || $2 || '%'
              OR EXISTS (SELECT 1 FROM app_user u WHERE u.tenant_id = a.tenant_id AND u.account_id = a.id AND u.email = lower($2)))
        ORDER BY a.customer_number LIMIT 20`,
      [ctx.tenant.id, term.replace(/[%_\\]/g, '')],
    );
    return rows.map((r) => ({ id: r.id, customerNumber: r.customer_number, name: r.name }));
  }

  /** The people of the account as their profiles show them, owners first. */
  async profiles(ctx: RequestContext, accountId: string): Promise<SupportProfile[]> {
    const db = await ctx.db();
    const rows: {
      display_name: string;
      email: string;
      phone_e164: string | null;
      preferred_language: string | null;
      time_zone: string | null;
      account_role: string;
    }[] = await db.query(
      `SELECT display_name, email, phone_e164, preferred_language, time_zone, account_role FROM app_user
          WHERE tenant_id = $1 AND account_id = $2 ORDER BY account_role DESC, display_name`,
      [ctx.tenant.id, accountId],
    );
    return rows.map((r) => ({
      displayName: r.display_name,
      email: r.email,
      phone: r.phone_e164,
      preferredLanguage: r.preferred_language,
      timeZone: r.time_zone,
      role: r.account_role,
    }));
  }

  /** Which newsletters the account's people receive. */
  async newsletters(ctx: RequestContext, accountId: string): Promise<SupportNewsletterSubscription[]> {
    const db = await ctx.db();
    const rows: { email: string; name_nl: string; name_en: string; status: string }[] = await db.query(
      `SELECT u.email, l.name_nl, l.name_en, s.status FROM newsletter_subscription s
         JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
         JOIN newsletter_list l ON l.tenant_id = s.tenant_id AND l.id = s.list_id
        WHERE s.tenant_id = $1 AND u.account_id = $2 ORDER BY u.email, l.name_en`,
      [ctx.tenant.id, accountId],
    );
    return rows.map((r) => ({ email: r.email, list: { nl: r.name_nl, en: r.name_en }, status: r.status }));
  }

  /** The account's issued invoices and credit notes, as its owners see them in Mijn facturen (invoices:read). */
  async invoices(ctx: RequestContext, accountId: string): Promise<MyInvoiceView[]> {
    return issuedInvoices(await ctx.db(), ctx.tenant.id, accountId);
  }

  /** The stored PDF or UBL of one of the account's issued invoices, the bytes its owners download (invoices:read). */
  async invoiceFile(
    ctx: RequestContext,
    accountId: string,
    invoiceId: string,
    format: 'pdf' | 'ubl',
  ): Promise<InvoiceFile> {
    return issuedInvoiceFile(await ctx.db(), ctx.tenant.id, accountId, invoiceId, format);
  }
}
