import { Injectable } from '@nestjs/common';
import { type RequestContext, changedFields, problems, staleVersion } from '@mijn-account/api-core';
import {
  type BillingAddress,
  type BillingDetails,
  type BillingUpdate,
  type FieldError,
  addressRules,
  isRegion,
  normalizePostalCode,
} from '@mijn-account/shared-contracts';
import { ChangeHistoryService } from './change-history.service';
import { checkRegistration, checkTaxId } from './company-ids';
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
  region: string | null;
  country: string | null;
  version: number;
}

export type VersionedBilling = BillingDetails & { version: number };

/** Flat field names, as the history shows them. */
const FIELDS = [
  'companyName',
  'cocNumber',
  'vatId',
  'billingEmail',
  'street',
  'houseNumber',
  'houseNumberAddition',
  'postalCode',
  'city',
  'region',
  'country',
] as const;
type Flat = Record<(typeof FIELDS)[number], string | null>;

/**
 * The account's company and billing details (owners edit, members read), checked by the rules of the
 * address's country (`addressRules`, `companyIdRules` in shared-contracts, which the web form is laid
 * out by): postal code, house number, state or province; registration number; VAT id for format and
 * check digits (jsvat; no VIES lookup; result and time kept for finance) or a Canadian GST/HST
 * account. A value stored before and sent back unchanged is not judged again, so details saved
 * under older rules (or a registration from another country than the invoice address) still save. No PO box as an invoice address. Invoices
 * will copy the address when issued, so changing it here never changes an issued invoice.
 */
@Injectable()
export class BillingService {
  constructor(private readonly history: ChangeHistoryService) {}

  async get(ctx: RequestContext, accountId: string): Promise<VersionedBilling> {
    return toBilling(await this.load(ctx, accountId, false));
  }

  /** Saves the billing details of `accountId` (the caller's own, or one a helpdesk grant allows). */
  async update(
    ctx: RequestContext,
    accountId: string,
    baseVersion: number | null,
    input: BillingUpdate,
  ): Promise<VersionedBilling> {
    const row = await this.load(ctx, accountId, true);
    const before = toBilling(row);
    if (baseVersion !== row.version) throw staleVersion(before);
    const errors: FieldError[] = [];
    const address = input.address ? checkAddress(input.address, before.address, errors) : null;
    // Registration and tax id follow the address's country (the stored one when no address is sent).
    const country = address?.country ?? row.country;
    const cocNumber = checkRegistration(input.cocNumber, country, row.coc_number, errors);
    const vatId = checkTaxId(input.vatId, country, row.vat_id, errors);
    if (errors.length > 0) throw problems.validation(errors);

    const vatChanged = vatId !== row.vat_id;
    const after: VersionedBilling = {
      companyName: input.companyName?.trim() || null,
      cocNumber,
      vatId,
      vatCheck: vatId ? (vatChanged ? { valid: true, checkedAt: new Date().toISOString() } : before.vatCheck) : null,
      billingEmail: input.billingEmail?.trim().toLowerCase() || null,
      address,
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
              country = $14, region = $15, version = version + 1
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
        f.region,
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
              house_number_addition, postal_code, city, region, country, version
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
    vatCheck:
      row.vat_id && row.vat_checked_at
        ? { valid: row.vat_valid ?? false, checkedAt: row.vat_checked_at.toISOString() }
        : null,
    billingEmail: row.billing_email,
    address:
      row.street && row.city && row.country
        ? {
            street: row.street,
            houseNumber: row.house_number,
            houseNumberAddition: row.house_number_addition,
            postalCode: row.postal_code ?? '',
            city: row.city,
            region: row.region,
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
    postalCode: b.address?.postalCode || null,
    city: b.address?.city ?? null,
    region: b.address?.region ?? null,
    country: b.address?.country ?? null,
  };
}

/** The address as stored, checked by its country's rules (unless it is `stored`, sent back unchanged); problems go to `errors`. */
function checkAddress(input: BillingAddress, stored: BillingAddress | null, errors: FieldError[]): BillingAddress {
  const country = input.country.toUpperCase();
  if (stored && sameAddress({ ...input, country }, stored)) return stored;
  const rules = addressRules(country);
  const street = input.street.trim();
  const houseNumber = input.houseNumber?.trim() || null;
  if (rules.houseNumber && !houseNumber)
    errors.push({ field: 'address.houseNumber', code: 'required', message: 'Fill in the house number' });
  if (PO_BOX.test(street))
    errors.push({
      field: 'address.street',
      code: 'noPoBox',
      message: 'An invoice needs a street address, not a PO box',
    });
  let postalCode = input.postalCode.trim();
  if (postalCode || rules.postalCode.required) {
    const written = normalizePostalCode(country, postalCode);
    if (written) postalCode = written;
    else {
      const example = rules.postalCode.example;
      const message =
        country === 'NL'
          ? 'A Dutch postal code, such as 1234 AB'
          : example
            ? `Not a postal code of ${country}, such as ${example}`
            : 'Not a postal code';
      errors.push({ field: 'address.postalCode', code: 'isPostalCode', message });
    }
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
  return {
    street,
    houseNumber,
    houseNumberAddition: input.houseNumberAddition?.trim() || null,
    postalCode,
    city: input.city.trim(),
    region,
    country,
  };
}

function sameAddress(a: BillingAddress, b: BillingAddress): boolean {
  const keys = ['street', 'houseNumber', 'houseNumberAddition', 'postalCode', 'city', 'region', 'country'] as const;
  return keys.every((k) => (a[k]?.trim() || null) === (b[k] || null));
}
