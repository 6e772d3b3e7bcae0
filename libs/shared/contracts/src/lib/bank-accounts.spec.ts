import { isSEPACountry } from 'ibantools';
import { COUNTRY_CODES } from './address';
import { SEPA_COUNTRIES, checkBankAccount, paymentAccountKind } from './bank-accounts';

const canadian = {
  bankName: 'Royal Bank of Canada',
  institutionNumber: '003',
  transitNumber: '12345',
  accountNumber: '1234567',
};

describe('SEPA_COUNTRIES', () => {
  it('are the countries ibantools counts as SEPA', () => {
    expect([...SEPA_COUNTRIES].sort()).toEqual(COUNTRY_CODES.filter((c) => isSEPACountry(c)).sort());
  });
});

describe('paymentAccountKind', () => {
  it('asks an IBAN in SEPA (and before a country is known), Canada its three numbers, others an account', () => {
    expect(paymentAccountKind('NL')).toBe('iban');
    expect(paymentAccountKind('ch')).toBe('iban');
    expect(paymentAccountKind(null)).toBe('iban');
    expect(paymentAccountKind('CA')).toBe('canada');
    expect(paymentAccountKind('US')).toBe('other');
    expect(paymentAccountKind('TR')).toBe('other');
  });
});

describe('checkBankAccount', () => {
  it('takes a Canadian account with spaces and dashes, as digits', () => {
    expect(
      checkBankAccount(
        { ...canadian, institutionNumber: ' 003 ', transitNumber: '12-345', accountNumber: '123 4567 89' },
        'CA',
      ),
    ).toEqual({ account: { ...canadian, accountNumber: '123456789' }, errors: [] });
  });

  it.each([
    ['institutionNumber', '03', 'isInstitutionNumber'],
    ['institutionNumber', 'ABC', 'isInstitutionNumber'],
    ['transitNumber', '1234', 'isTransitNumber'],
    ['transitNumber', '123456', 'isTransitNumber'],
    ['accountNumber', '123456', 'isCanadianAccountNumber'],
    ['accountNumber', '1234567890123', 'isCanadianAccountNumber'],
    ['accountNumber', '12345A7', 'isCanadianAccountNumber'],
  ] as const)('names a Canadian %s of %p as %s', (field, value, code) => {
    const { errors } = checkBankAccount({ ...canadian, [field]: value }, 'CA');
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([`${field}:${code}`]);
  });

  it('names every bad part at once, a missing bank name too', () => {
    const { errors } = checkBankAccount(
      { bankName: ' ', institutionNumber: null, transitNumber: '1', accountNumber: '' },
      'CA',
    );
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'bankName:required',
      'institutionNumber:isInstitutionNumber',
      'transitNumber:isTransitNumber',
      'accountNumber:isCanadianAccountNumber',
    ]);
  });

  it('elsewhere keeps the account as the bank writes it and has no Canadian numbers', () => {
    expect(
      checkBankAccount(
        { bankName: 'ANZ', institutionNumber: null, transitNumber: null, accountNumber: ' 12-3456-7890123-00 ' },
        'NZ',
      ),
    ).toEqual({
      account: { bankName: 'ANZ', institutionNumber: null, transitNumber: null, accountNumber: '12-3456-7890123-00' },
      errors: [],
    });
    const { errors } = checkBankAccount({ ...canadian, accountNumber: '12/34' }, 'US');
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'institutionNumber:notApplicable',
      'transitNumber:notApplicable',
      'accountNumber:isAccountNumber',
    ]);
    expect(
      checkBankAccount({ ...canadian, institutionNumber: null, transitNumber: null, accountNumber: '123' }, 'US')
        .errors,
    ).toHaveLength(1);
  });
});
