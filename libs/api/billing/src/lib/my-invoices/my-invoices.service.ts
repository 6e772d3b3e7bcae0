import { UsageCounter } from '@mijn-account/api-statistics';
import { Injectable } from '@nestjs/common';
import { ChangeHistoryService, accountIdOf } from '@mijn-account/api-accounts';
import { type RequestContext, problems } from '@mijn-account/api-core';
import type { InvoiceAccessSetting, MyInvoiceView } from '@mijn-account/shared-contracts';
import type { InvoiceFile } from '../entities/invoice-file.entity';
import { issuedInvoiceFile, issuedInvoices } from './issued-invoices';

/**
 * "Mijn facturen": the account's issued invoices and credit notes and their stored files, for its
 * owners, and for its members when an owner allows it (`subscriber_account.members_see_invoices`).
 * The subscriber's own reads are not access-logged (as with billing details).
 */
@Injectable()
export class MyInvoicesService {
  constructor(
    private readonly history: ChangeHistoryService,
    private readonly usage: UsageCounter,
  ) {}

  async list(ctx: RequestContext): Promise<MyInvoiceView[]> {
    const accountId = await this.requireReader(ctx);
    return issuedInvoices(await ctx.db(), ctx.tenant.id, accountId);
  }

  /** A stored file of one of the account's issued invoices, exactly the bytes that were stored; 404 otherwise. */
  async file(ctx: RequestContext, invoiceId: string, format: 'pdf' | 'ubl'): Promise<InvoiceFile> {
    const accountId = await this.requireReader(ctx);
    const db = await ctx.db();
    const file = await issuedInvoiceFile(db, ctx.tenant.id, accountId, invoiceId, format);
    const event = format === 'pdf' ? 'pdf-downloaded' : 'ubl-downloaded';
    await this.usage.count(db, ctx.tenant.id, 'invoices', event, ctx.requireUser().id);
    return file;
  }

  async access(ctx: RequestContext): Promise<InvoiceAccessSetting> {
    const accountId = accountIdOf(ctx);
    return { membersMaySeeInvoices: await this.membersMay(ctx, accountId) };
  }

  /** The owner lets members see the account's invoices, or stops that; the change lands in the history. */
  async setAccess(ctx: RequestContext, input: InvoiceAccessSetting): Promise<InvoiceAccessSetting> {
    const accountId = accountIdOf(ctx);
    const before = await this.membersMay(ctx, accountId, true);
    if (before !== input.membersMaySeeInvoices) {
      const db = await ctx.db();
      await db.query(`UPDATE subscriber_account SET members_see_invoices = $3 WHERE tenant_id = $1 AND id = $2`, [
        ctx.tenant.id,
        accountId,
        input.membersMaySeeInvoices,
      ]);
      await this.history.record(ctx, 'billing', accountId, [
        { field: 'membersSeeInvoices', from: String(before), to: String(input.membersMaySeeInvoices) },
      ]);
    }
    return { membersMaySeeInvoices: input.membersMaySeeInvoices };
  }

  /** The caller's account, when they may read its invoices: owners always, members when allowed. */
  private async requireReader(ctx: RequestContext): Promise<string> {
    const accountId = accountIdOf(ctx);
    if (ctx.requireUser().accountRole === 'owner') return accountId;
    if (!(await this.membersMay(ctx, accountId)))
      throw problems.forbidden('An owner of this account has not let members see its invoices');
    return accountId;
  }

  private async membersMay(ctx: RequestContext, accountId: string, lock = false): Promise<boolean> {
    const db = await ctx.db();
    const rows: { members_see_invoices: boolean }[] = await db.query(
      `SELECT members_see_invoices FROM subscriber_account WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [ctx.tenant.id, accountId],
    );
    if (rows.length === 0) throw problems.notFound();
    return rows[0].members_see_invoices;
  }
}
