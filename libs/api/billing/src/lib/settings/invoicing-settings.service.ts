import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { checkRegistration, checkTaxId } from '@mijn-account/api-accounts';
import {
  DEFAULT_TENANT_TIME_ZONE,
  type RequestContext,
  changedFields,
  problems,
  staleVersion,
} from '@mijn-account/api-core';
import {
  type BankAccount,
  type FieldError,
  type InvoicingSettingsUpdate,
  type InvoicingSettingsView,
  type PaymentReminderSettings,
  type SupplierAddress,
  type TaxCategorySetting,
  addressRules,
  checkBankAccount,
  companyIdRules,
  isRegion,
  needsInvoiceEmail,
  normalizePostalCode,
  paymentAccountKind,
} from '@mijn-account/shared-contracts';
import { InvoicingSettings } from '../entities/invoicing-settings.entity';
import { TaxCategory } from '../entities/tax-category.entity';
import { todayIn } from '@mijn-account/shared-billing-periods';

export type VersionedInvoicingSettings = InvoicingSettingsView & { version: number };

/** The defaults a tenant starts from (the column defaults of `invoicing_settings`). */
const DEFAULTS = {
  paymentTermDays: 14,
  reviewWindowHours: 24,
  footerNl: '',
  footerEn: '',
  timeZone: DEFAULT_TENANT_TIME_ZONE,
  /** Off until the tenant admin turns them on. */
  reminders: { afterDays: 7, max: 0, intervalDays: 14 },
};

/**
 * A tenant's invoicing settings (tenant admin): the supplier every invoice names, the number
 * prefix, payment term, review window, footers, and the tax categories plans are priced in.
 * Versioned like billing details (ETag / If-Match). `missing` lists what a billing run still needs.
 */
@Injectable()
export class InvoicingSettingsService {
  async get(ctx: RequestContext): Promise<VersionedInvoicingSettings> {
    const db = await ctx.db();
    const settings = await this.read(db, ctx.tenant.id, false);
    return { ...settings, numberPrefixFrozen: await this.prefixUsed(db, ctx.tenant.id, settings.timeZone) };
  }

  /** Whether a number of this year (in the tenant's calendar) is issued: then its prefix is fixed until next year. */
  private async prefixUsed(db: EntityManager, tenantId: string, timeZone: string): Promise<boolean> {
    const year = Number(todayIn(timeZone).slice(0, 4));
    // SQL: a counter row of this year exists once a number of it was issued.
    const used: unknown[] = await db.query(
      `SELECT 1 FROM invoice_number_counter WHERE tenant_id = $1 AND year = $2 AND last_number > 0 LIMIT 1`,
      [tenantId, year],
    );
    return used.length > 0;
  }

  async update(
    ctx: RequestContext,
    baseVersion: number | null,
    input: InvoicingSettingsUpdate,
  ): Promise<VersionedInvoicingSettings> {
    const db = await ctx.db();
    const tenantId = ctx.tenant.id;
    // The row is made on first save; concurrent first saves meet on the primary key, not in a 500.
    await db.query(`INSERT INTO invoicing_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING`, [
      tenantId,
    ]);
    const before = await this.read(db, tenantId, true);
    if (baseVersion !== before.version) throw staleVersion(before);

    const errors: FieldError[] = [];
    const address = input.address ? checkAddress(input.address, errors) : null;
    const country = address?.country ?? null;
    const after: InvoicingSettingsUpdate = {
      legalName: input.legalName?.trim() || null,
      address,
      vatId: checkTaxId(input.vatId, country, null, errors),
      cocNumber: checkRegistration(input.cocNumber, country, null, errors),
      ...checkPaymentAccount(input, country, errors),
      invoiceEmail: input.invoiceEmail === undefined ? before.invoiceEmail : input.invoiceEmail,
      numberPrefix: input.numberPrefix || null,
      paymentTermDays: input.paymentTermDays,
      reviewWindowHours: input.reviewWindowHours,
      footerNl: input.footerNl.trim(),
      footerEn: input.footerEn.trim(),
      timeZone: checkTimeZone(input.timeZone, errors),
      taxCategories: checkTaxCategories(input.taxCategories, errors),
      subscribersMayChangePlan: input.subscribersMayChangePlan ?? before.subscribersMayChangePlan,
      reminders: input.reminders ?? before.reminders,
    };
    await this.checkFrozenPrefix(db, tenantId, before, after, errors);
    await this.checkCategoriesInUse(db, tenantId, before, after, errors);
    if (errors.length > 0) throw problems.validation(errors);

    const changes = changedFields(flat(before), flat(after), FIELDS);
    if (changes.length === 0) return before;
    await db.update(
      InvoicingSettings,
      { tenantId },
      {
        legalName: after.legalName,
        streetLine: address?.streetLine ?? null,
        postalCode: address?.postalCode ?? null,
        city: address?.city ?? null,
        region: address?.region ?? null,
        country,
        vatId: after.vatId,
        cocNumber: after.cocNumber,
        iban: after.iban,
        bic: after.bic,
        bankName: after.bankAccount?.bankName ?? null,
        bankInstitutionNumber: after.bankAccount?.institutionNumber ?? null,
        bankTransitNumber: after.bankAccount?.transitNumber ?? null,
        bankAccountNumber: after.bankAccount?.accountNumber ?? null,
        invoiceEmail: after.invoiceEmail,
        numberPrefix: after.numberPrefix,
        paymentTermDays: after.paymentTermDays,
        reviewWindowHours: after.reviewWindowHours,
        footerNl: after.footerNl,
        footerEn: after.footerEn,
        timeZone: after.timeZone,
        subscribersMayChangePlan: after.subscribersMayChangePlan,
        reminderAfterDays: after.reminders?.afterDays,
        reminderMax: after.reminders?.max,
        reminderIntervalDays: after.reminders?.intervalDays,
        version: () => 'version + 1',
        updatedAt: () => 'now()',
      },
    );
    const kept = after.taxCategories.map((c) => c.code);
    // SQL: removes the categories left out of the list in one statement (`<> ALL` over the kept codes).
    await db.query(`DELETE FROM tax_category WHERE tenant_id = $1 AND code <> ALL ($2::text[])`, [tenantId, kept]);
    if (after.taxCategories.length > 0) {
      await db.upsert(
        TaxCategory,
        after.taxCategories.map((c) => ({ tenantId, ...c })),
        ['tenantId', 'code'],
      );
    }
    return {
      ...after,
      bankAccount: after.bankAccount ?? null,
      invoiceEmail: after.invoiceEmail ?? null,
      subscribersMayChangePlan: after.subscribersMayChangePlan ?? false,
      reminders: after.reminders ?? before.reminders,
      missing: missingOf(after),
      version: before.version + 1,
    };
  }

  /** What a billing run still needs (422 listing them when something is missing). */
  async requireComplete(db: EntityManager, tenantId: string): Promise<VersionedInvoicingSettings> {
    const settings = await this.read(db, tenantId, false);
    if (settings.missing.length > 0) {
      throw problems.validation(
        settings.missing.map((field) => ({
          field: `invoicingSettings.${field}`,
          code: 'required',
          message: `Invoicing needs this setting first: ${field}`,
        })),
      );
    }
    return settings;
  }

  async read(db: EntityManager, tenantId: string, lock: boolean): Promise<VersionedInvoicingSettings> {
    const row = await db.findOne(InvoicingSettings, {
      where: { tenantId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const categories = await db.find(TaxCategory, { where: { tenantId }, order: { code: 'ASC' } });
    const settings: InvoicingSettingsUpdate = {
      legalName: row?.legalName ?? null,
      address:
        row?.streetLine && row.city && row.country
          ? {
              streetLine: row.streetLine,
              postalCode: row.postalCode,
              city: row.city,
              region: row.region,
              country: row.country,
            }
          : null,
      vatId: row?.vatId ?? null,
      cocNumber: row?.cocNumber ?? null,
      iban: row?.iban ?? null,
      bic: row?.bic ?? null,
      bankAccount:
        row?.bankName && row.bankAccountNumber
          ? {
              bankName: row.bankName,
              institutionNumber: row.bankInstitutionNumber,
              transitNumber: row.bankTransitNumber,
              accountNumber: row.bankAccountNumber,
            }
          : null,
      invoiceEmail: row?.invoiceEmail ?? null,
      numberPrefix: row?.numberPrefix ?? null,
      paymentTermDays: row?.paymentTermDays ?? DEFAULTS.paymentTermDays,
      reviewWindowHours: row?.reviewWindowHours ?? DEFAULTS.reviewWindowHours,
      footerNl: row?.footerNl ?? DEFAULTS.footerNl,
      footerEn: row?.footerEn ?? DEFAULTS.footerEn,
      timeZone: row?.timeZone ?? DEFAULTS.timeZone,
      reminders: {
        afterDays: row?.reminderAfterDays ?? DEFAULTS.reminders.afterDays,
        max: row?.reminderMax ?? DEFAULTS.reminders.max,
        intervalDays: row?.reminderIntervalDays ?? DEFAULTS.reminders.intervalDays,
      },
      taxCategories: categories.map(({ code, category, rateBasisPoints, textNl, textEn }) => ({
        code,
        category,
        rateBasisPoints,
        textNl,
        textEn,
      })),
      subscribersMayChangePlan: row?.subscribersMayChangePlan ?? false,
    };
    return {
      ...settings,
      bankAccount: settings.bankAccount ?? null,
      invoiceEmail: settings.invoiceEmail ?? null,
      subscribersMayChangePlan: settings.subscribersMayChangePlan ?? false,
      reminders: settings.reminders as PaymentReminderSettings,
      missing: missingOf(settings),
      version: row?.version ?? 1,
    };
  }

  /** The prefix of a year's numbers is fixed once one is used (the counter row keeps it). */
  private async checkFrozenPrefix(
    db: EntityManager,
    tenantId: string,
    before: InvoicingSettingsUpdate,
    after: InvoicingSettingsUpdate,
    errors: FieldError[],
  ): Promise<void> {
    if (after.numberPrefix === before.numberPrefix) return;
    const year = Number(todayIn(before.timeZone).slice(0, 4));
    if (await this.prefixUsed(db, tenantId, before.timeZone))
      errors.push({
        field: 'numberPrefix',
        code: 'frozen',
        message: `Numbers of ${year} are already issued with this prefix; it can change from next year`,
      });
  }

  /** A category a plan is priced in stays (plans keep their category; archive the plan first). */
  private async checkCategoriesInUse(
    db: EntityManager,
    tenantId: string,
    before: InvoicingSettingsUpdate,
    after: InvoicingSettingsUpdate,
    errors: FieldError[],
  ): Promise<void> {
    const kept = new Set(after.taxCategories.map((c) => c.code));
    const removed = before.taxCategories.map((c) => c.code).filter((code) => !kept.has(code));
    if (removed.length === 0) return;
    // SQL: which of the removed codes a plan uses.
    const used: { tax_category: string }[] = await db.query(
      `SELECT DISTINCT tax_category FROM plan WHERE tenant_id = $1 AND tax_category = ANY ($2::text[])`,
      [tenantId, removed],
    );
    for (const { tax_category } of used)
      errors.push({
        field: 'taxCategories',
        code: 'inUse',
        message: `Plans are priced in tax category ${tax_category}; it cannot be removed`,
      });
  }
}

const FIELDS = [
  'legalName',
  'streetLine',
  'postalCode',
  'city',
  'region',
  'country',
  'vatId',
  'cocNumber',
  'iban',
  'bic',
  'bankName',
  'bankInstitutionNumber',
  'bankTransitNumber',
  'bankAccountNumber',
  'invoiceEmail',
  'numberPrefix',
  'paymentTermDays',
  'reviewWindowHours',
  'footerNl',
  'footerEn',
  'timeZone',
  'taxCategories',
  'subscribersMayChangePlan',
  'reminderAfterDays',
  'reminderMax',
  'reminderIntervalDays',
];

function flat(s: InvoicingSettingsUpdate): Record<string, string | number | boolean | null> {
  return {
    legalName: s.legalName,
    streetLine: s.address?.streetLine ?? null,
    postalCode: s.address?.postalCode ?? null,
    city: s.address?.city ?? null,
    region: s.address?.region ?? null,
    country: s.address?.country ?? null,
    vatId: s.vatId,
    cocNumber: s.cocNumber,
    iban: s.iban,
    bic: s.bic,
    bankName: s.bankAccount?.bankName ?? null,
    bankInstitutionNumber: s.bankAccount?.institutionNumber ?? null,
    bankTransitNumber: s.bankAccount?.transitNumber ?? null,
    bankAccountNumber: s.bankAccount?.accountNumber ?? null,
    invoiceEmail: s.invoiceEmail ?? null,
    numberPrefix: s.numberPrefix,
    paymentTermDays: s.paymentTermDays,
    reviewWindowHours: s.reviewWindowHours,
    footerNl: s.footerNl,
    footerEn: s.footerEn,
    timeZone: s.timeZone,
    taxCategories: JSON.stringify([...s.taxCategories].sort((a, b) => a.code.localeCompare(b.code))),
    subscribersMayChangePlan: s.subscribersMayChangePlan ?? false,
    reminderAfterDays: s.reminders?.afterDays ?? null,
    reminderMax: s.reminders?.max ?? null,
    reminderIntervalDays: s.reminders?.intervalDays ?? null,
  };
}

/** The settings a billing run needs, by field name; empty when invoicing may run. */
export function missingOf(s: InvoicingSettingsUpdate): string[] {
  const missing: string[] = [];
  if (!s.legalName) missing.push('legalName');
  if (!s.address) missing.push('address');
  const rules = s.address ? companyIdRules(s.address.country) : null;
  if (!s.vatId && (rules === null || rules.taxId !== null)) missing.push('vatId');
  if (!s.cocNumber && (rules === null || rules.registration !== null)) missing.push('cocNumber');
  // In SEPA (or before the country is known) an IBAN; elsewhere a bank account.
  if (paymentAccountKind(s.address?.country) === 'iban') {
    if (!s.iban) missing.push('iban');
  } else if (!s.bankAccount) missing.push('bankAccount');
  // The seller's electronic address (PEPPOL-EN16931-R020): the e-mail where the country has no KvK/VAT scheme.
  if (!s.invoiceEmail && s.address && needsInvoiceEmail(s.address.country)) missing.push('invoiceEmail');
  if (!s.numberPrefix) missing.push('numberPrefix');
  if (s.taxCategories.length === 0) missing.push('taxCategories');
  return missing;
}

function checkAddress(input: SupplierAddress, errors: FieldError[]): SupplierAddress {
  const country = input.country.toUpperCase();
  const rules = addressRules(country);
  let postalCode = input.postalCode?.trim() || null;
  if (postalCode || rules.postalCode.required) {
    const written = postalCode ? normalizePostalCode(country, postalCode) : null;
    if (written) postalCode = written;
    else errors.push({ field: 'address.postalCode', code: 'isPostalCode', message: `Not a postal code of ${country}` });
  }
  let region = input.region?.trim() || null;
  if (typeof rules.region === 'object' && rules.region !== null) {
    if (!region) errors.push({ field: 'address.region', code: 'required', message: `Choose the ${rules.region.kind}` });
    else if (!isRegion(country, region))
      errors.push({ field: 'address.region', code: 'isRegion', message: `Not a ${rules.region.kind} of ${country}` });
    else region = region.toUpperCase();
  } else if (region && !isRegion(country, region)) {
    errors.push({ field: 'address.region', code: 'notApplicable', message: `Addresses in ${country} have no region` });
  }
  return { streetLine: input.streetLine.trim(), postalCode, city: input.city.trim(), region, country };
}

/**
 * Where customers pay, by the supplier's country (ADR 0021): an IBAN and BIC in SEPA, a bank account
 * elsewhere (Canada: institution, transit and account number). The other kind is refused, not dropped.
 */
function checkPaymentAccount(
  input: InvoicingSettingsUpdate,
  country: string | null,
  errors: FieldError[],
): Pick<InvoicingSettingsUpdate, 'iban' | 'bic' | 'bankAccount'> {
  if (paymentAccountKind(country) === 'iban') {
    if (input.bankAccount)
      errors.push({
        field: 'bankAccount',
        code: 'notApplicable',
        message: 'Suppliers in the SEPA area give an IBAN, not a bank account',
      });
    return { iban: checkIban(input.iban, errors), bic: checkBic(input.bic, errors), bankAccount: null };
  }
  for (const field of ['iban', 'bic'] as const)
    if (input[field]?.trim())
      errors.push({ field, code: 'notApplicable', message: `Suppliers outside the SEPA area give a bank account` });
  return { iban: null, bic: null, bankAccount: checkAccount(input.bankAccount, country as string, errors) };
}

function checkAccount(
  input: BankAccount | null | undefined,
  country: string,
  errors: FieldError[],
): BankAccount | null {
  if (!input) return null;
  const checked = checkBankAccount(input, country);
  for (const e of checked.errors) errors.push({ ...e, field: `bankAccount.${e.field}` });
  return checked.account;
}

/** IBAN in its electronic form, checked by ibantools (country length and the mod-97 checksum). */
function checkIban(raw: string | null | undefined, errors: FieldError[]): string | null {
  if (!raw?.trim()) return null;
  const iban = electronicFormatIBAN(raw) ?? '';
  if (!isValidIBAN(iban)) {
    errors.push({ field: 'iban', code: 'isIban', message: 'Not a valid IBAN (country, length or check digits)' });
    return raw;
  }
  return iban;
}

function checkBic(raw: string | null | undefined, errors: FieldError[]): string | null {
  const bic = raw?.trim().toUpperCase().replace(/\s/g, '');
  if (!bic) return null;
  if (!isValidBIC(bic)) errors.push({ field: 'bic', code: 'isBic', message: 'Not a BIC (8 or 11 letters and digits)' });
  return bic;
}

function checkTimeZone(raw: string, errors: FieldError[]): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
    return raw;
  } catch {
    errors.push({ field: 'timeZone', code: 'isTimeZone', message: 'An IANA time zone, such as Europe/Amsterdam' });
    return raw;
  }
}

function checkTaxCategories(input: TaxCategorySetting[], errors: FieldError[]): TaxCategorySetting[] {
  const seen = new Set<string>();
  return input.map((c, i) => {
    if (seen.has(c.code)) errors.push({ field: `taxCategories.${i}.code`, code: 'unique', message: 'Each code once' });
    seen.add(c.code);
    if (c.category !== 'S' && c.rateBasisPoints !== 0)
      errors.push({
        field: `taxCategories.${i}.rateBasisPoints`,
        code: 'zeroRate',
        message: 'Zero-rated and exempt categories have rate 0',
      });
    return {
      code: c.code,
      category: c.category,
      rateBasisPoints: c.rateBasisPoints,
      textNl: c.textNl.trim(),
      textEn: c.textEn.trim(),
    };
  });
}
