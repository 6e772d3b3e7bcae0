import { Injectable } from '@nestjs/common';
import { checkVAT, countries as vatCountries } from 'jsvat';
import isPostalCode, { type PostalCodeLocale, locales as postalCodeLocales } from 'validator/lib/isPostalCode';
import { type RequestContext, changedFields, problems, staleVersion } from '@mijn-account/api-core';
import type { BillingDetails, BillingUpdate, FieldError } from '@mijn-account/shared-contracts';
import { ChangeHistoryService } from './change-history.service';
import { PO_BOX } from './dto/billing.dto';

interface BillingRow {
  company_name: string | null;
  coc_number: string | null;
  vat_id: string | null;
  vat_valid: boolean | null;
  vat_checked_at: Date | null;
  billing_email: string | null;
  street: string | null;
  house_number: string | null;
  house_number_addition: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  version: number;
}

export type VersionedBilling = BillingDetails & { version: number };

/** Flat field names, as the history shows them. */
const FIELDS = ['companyName', 'cocNumber', 'vatId', 'billingEmail', 'street', 'houseNumber', 'houseNumberAddition', 'postalCode', 'city', 'country'] as const;
type Flat = Record<(typeof FIELDS)[number], string | null>;

/**
 * The account's company and billing details (owners edit, members read): VAT id checked for format
 * and check digits per EU country (jsvat; result and time kept for finance), postal code checked per
 * country (validator.js), no PO box as an invoice address. Invoices will copy the address when
 * issued, so changing it here never changes an issued invoice.
 */
@Injectable()
export class BillingService {
  constructor(private readonly history: ChangeHistoryService) {}

  async get(ctx: RequestContext, accountId: string): Promise<VersionedBilling> {
    return toBilling(await this.load(ctx, accountId, false));
  }

  /** Saves the billing details of `accountId` (the caller's own, or one a helpdesk grant allows). */
  async update(ctx: RequestContext, accountId: string, baseVersion: number | null, input: BillingUpdate): Promise<VersionedBilling> {
    const row = await this.load(ctx, accountId, true);
    const before = toBilling(row);
    if (baseVersion !== row.version) throw staleVersion(before);
    const errors: FieldError[] = [];
    const vatId = normalizeVat(input.vatId, errors);
    const address = input.address ? { ...input.address, country: input.address.country.toUpperCase() } : null;
    if (address) {
      address.postalCode = normalizePostalCode(address.postalCode, address.country, errors);
      if (PO_BOX.test(address.street)) {
        errors.push({ field: 'address.street', code: 'noPoBox', message: 'An invoice needs a street address, not a PO box' });
      }
    }
    if (errors.length > 0) throw problems.validation(errors);

    const vatChanged = vatId !== row.vat_id;
    const after: VersionedBilling = {
      companyName: input.companyName?.trim() || null,
      cocNumber: input.cocNumber?.trim() || null,
      vatId,
      vatCheck: vatId ? (vatChanged ? { valid: true, checkedAt: new Date().toISOString() } : before.vatCheck) : null,
      billingEmail: input.billingEmail?.trim().toLowerCase() || null,
      address: address
        ? {
            street: address.street.trim(),
            houseNumber: address.houseNumber.trim(),
            houseNumberAddition: address.houseNumberAddition?.trim() || null,
            postalCode: address.postalCode,
            city: address.city.trim(),
            country: address.country,
          }
        : null,
      version: row.version + 1,
    };
    const changes = changedFields(flat(before), flat(after), [...FIELDS]);
    if (changes.length === 0) return before;
    const db = await ctx.db();
    const f = flat(after);
    // SQL: PUT billing is a benchmarked hot path (tools/bench); one fixed statement, prepared once per connection.
    await db.query(
      `UPDATE subscriber_account SET company_name = $3, coc_number = $4, vat_id = $5, vat_valid = $6, vat_checked_at = $7,
              billing_email = $8, street = $9, house_number = $10, house_number_addition = $11, postal_code = $12, city = $13,
              country = $14, version = version + 1
        WHERE tenant_id = $1 AND id = $2`,
      [
        ctx.tenant.id,
        accountId,
        f.companyName,
        f.cocNumber,
        f.vatId,
        after.vatCheck?.valid ?? null,
        after.vatCheck?.checkedAt ?? null,
        f.billingEmail,
        f.street,
        f.houseNumber,
        f.houseNumberAddition,
        f.postalCode,
        f.city,
        f.country,
      ],
    );
    await this.history.record(ctx, 'billing', accountId, changes);
    return after;
  }

  private async load(ctx: RequestContext, accountId: string, lock: boolean): Promise<BillingRow> {
    const db = await ctx.db();
    // SQL: the billing read is a benchmarked hot path; FOR NO KEY UPDATE when the caller saves.
    const rows: BillingRow[] = await db.query(
      `SELECT company_name, coc_number, vat_id, vat_valid, vat_checked_at, billing_email, street, house_number,
              house_number_addition, postal_code, city, country, version
         FROM subscriber_account WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [ctx.tenant.id, accountId],
    );
    if (!rows[0]) throw problems.notFound();
    return rows[0];
  }
}

export function accountIdOf(ctx: RequestContext): string {
  const accountId = ctx.requireUser().accountId;
  if (!accountId) throw problems.forbidden();
  return accountId;
}

function toBilling(row: BillingRow): VersionedBilling {
  return {
    companyName: row.company_name,
    cocNumber: row.coc_number,
    vatId: row.vat_id,
    vatCheck: row.vat_id && row.vat_checked_at ? { valid: row.vat_valid ?? false, checkedAt: row.vat_checked_at.toISOString() } : null,
    billingEmail: row.billing_email,
    address:
      row.street && row.house_number && row.postal_code && row.city && row.country
        ? {
            street: row.street,
            houseNumber: row.house_number,
            houseNumberAddition: row.house_number_addition,
            postalCode: row.postal_code,
            city: row.city,
            country: row.country,
          }
        : null,
    version: row.version,
  };
}

function flat(b: BillingDetails): Flat {
  return {
    companyName: b.companyName,
    cocNumber: b.cocNumber,
    vatId: b.vatId,
    billingEmail: b.billingEmail,
    street: b.address?.street ?? null,
    houseNumber: b.address?.houseNumber ?? null,
    houseNumberAddition: b.address?.houseNumberAddition ?? null,
    postalCode: b.address?.postalCode ?? null,
    city: b.address?.city ?? null,
    country: b.address?.country ?? null,
  };
}

/** Upper-case, no spaces or dots; refused unless jsvat finds the format and check digits right. */
function normalizeVat(raw: string | null | undefined, errors: FieldError[]): string | null {
  const value = raw?.toUpperCase().replace(/[\s.-]/g, '');
  if (!value) return null;
  const result = checkVAT(value, vatCountries);
  if (!result.isSupportedCountry) {
    errors.push({ field: 'vatId', code: 'vatCountry', message: 'Start with the country code of an EU country, such as NL' });
  } else if (!result.isValid) {
    errors.push({ field: 'vatId', code: 'vatChecksum', message: 'This VAT number is not valid (format or check digits)' });
  }
  return value;
}

/** Checked per country where validator.js knows the format; Dutch codes are written as "1234 AB". */
function normalizePostalCode(raw: string, country: string, errors: FieldError[]): string {
  const value = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  const locale = (postalCodeLocales as readonly string[]).includes(country) ? (country as PostalCodeLocale) : 'any';
  if (!/^[A-Z0-9 -]{2,12}$/.test(value) || !isPostalCode(value, locale)) {
    errors.push({ field: 'address.postalCode', code: 'isPostalCode', message: country === 'NL' ? 'A Dutch postal code, such as 1234 AB' : `Not a postal code for ${country}` });
    return value;
  }
  return country === 'NL' ? value.replace(/^(\d{4}) ?([A-Z]{2})$/, '$1 $2') : value;
}
