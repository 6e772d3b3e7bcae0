/**
 * Where a tenant's customers pay (issue 17 §1, ADR 0021): an IBAN (with an optional BIC) for tenants
 * in the SEPA area; elsewhere a bank account — the bank's name and the account number, and for
 * Canada the institution and transit numbers that route a payment to the branch. The API validates
 * with these rules and the settings page shows the fields they name for the tenant's country.
 */

/** Countries in the SEPA scheme, as ibantools lists them (a unit test holds them equal). */
export const SEPA_COUNTRIES: readonly string[] =
  'AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA'.split(
    ' ',
  );

/** Outside SEPA: the account customers transfer to. */
export interface BankAccount {
  /** The bank's name, printed beside the account. */
  bankName: string;
  /** Canada: the 3-digit financial institution number; null elsewhere. */
  institutionNumber: string | null;
  /** Canada: the 5-digit branch transit number; null elsewhere. */
  transitNumber: string | null;
  /** The account number (Canada: 7 to 12 digits), or the account identifier the bank gives. */
  accountNumber: string;
}

/**
 * Which payment account a supplier in this country gives: `iban` in SEPA, `canada` (institution,
 * transit and account number), `other` (bank name and account identifier). Without a country, `iban`.
 */
export type PaymentAccountKind = 'iban' | 'canada' | 'other';

export function paymentAccountKind(country: string | null | undefined): PaymentAccountKind {
  const code = country?.toUpperCase();
  if (!code || SEPA_COUNTRIES.includes(code)) return 'iban';
  return code === 'CA' ? 'canada' : 'other';
}

/** Stable field-error codes of a bank account (each has a `fieldErrors.<code>` translation in the web app). */
export const BANK_ACCOUNT_ERROR_CODES = [
  'isInstitutionNumber',
  'isTransitNumber',
  'isCanadianAccountNumber',
  'isAccountNumber',
] as const;

export interface BankAccountError {
  /** Path below the bank account: `bankName`, `institutionNumber`, `transitNumber`, `accountNumber`. */
  field: keyof BankAccount;
  code: (typeof BANK_ACCOUNT_ERROR_CODES)[number] | 'required' | 'notApplicable';
  message: string;
}

/**
 * A bank account in its written form (Canada's numbers as digits only; elsewhere as the bank writes it),
 * or the errors that name each bad part. `country` decides: Canada needs institution and transit numbers.
 */
export function checkBankAccount(
  input: BankAccount,
  country: string,
): { account: BankAccount; errors: BankAccountError[] } {
  const errors: BankAccountError[] = [];
  const canada = paymentAccountKind(country) === 'canada';
  const digits = (raw: string | null | undefined) => (raw ?? '').replace(/[\s-]/g, '');
  const bankName = input.bankName.trim();
  if (!bankName) errors.push({ field: 'bankName', code: 'required', message: 'The name of the bank' });
  let institutionNumber: string | null = null;
  let transitNumber: string | null = null;
  let accountNumber: string;
  if (canada) {
    institutionNumber = digits(input.institutionNumber);
    transitNumber = digits(input.transitNumber);
    accountNumber = digits(input.accountNumber);
    if (!/^\d{3}$/.test(institutionNumber))
      errors.push({
        field: 'institutionNumber',
        code: 'isInstitutionNumber',
        message: 'The 3-digit institution number',
      });
    if (!/^\d{5}$/.test(transitNumber))
      errors.push({ field: 'transitNumber', code: 'isTransitNumber', message: 'The 5-digit transit number' });
    if (!/^\d{7,12}$/.test(accountNumber))
      errors.push({
        field: 'accountNumber',
        code: 'isCanadianAccountNumber',
        message: 'An account number of 7 to 12 digits',
      });
  } else {
    for (const field of ['institutionNumber', 'transitNumber'] as const)
      if (input[field]?.trim())
        errors.push({ field, code: 'notApplicable', message: `Only Canadian accounts have a ${field}` });
    // As the bank writes it (groups kept: 12-3456-7890123-00), 4 to 34 letters or digits in all.
    accountNumber = input.accountNumber.trim().toUpperCase().replace(/\s+/g, ' ');
    const significant = accountNumber.replace(/[ -]/g, '');
    if (!/^[A-Z0-9][A-Z0-9 -]*$/.test(accountNumber) || significant.length < 4 || significant.length > 34)
      errors.push({ field: 'accountNumber', code: 'isAccountNumber', message: '4 to 34 letters or digits' });
  }
  return { account: { bankName, institutionNumber, transitNumber, accountNumber }, errors };
}
