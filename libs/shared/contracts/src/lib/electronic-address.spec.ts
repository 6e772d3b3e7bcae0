import { electronicAddress, needsInvoiceEmail } from './electronic-address';

describe('a supplier’s electronic address', () => {
  it('is the KvK number in the Netherlands, else a VAT id with its scheme, else the e-mail', () => {
    expect(electronicAddress('NL', '24356789', 'NL004495445B01', null)).toEqual({ id: '24356789', scheme: '0106' });
    expect(electronicAddress('BE', null, 'BE0477472701', 'f@x.example')).toEqual({
      id: 'BE0477472701',
      scheme: '9925',
    });
    expect(electronicAddress('BE', null, null, 'f@x.example')).toEqual({ id: 'f@x.example', scheme: 'EM' });
    expect(electronicAddress('CA', null, '123456789RT0001', null)).toBeNull();
  });

  it('needs the invoice e-mail everywhere but the Netherlands (an EU VAT id leaves invoices outside the EU)', () => {
    expect(needsInvoiceEmail('NL')).toBe(false);
    expect(needsInvoiceEmail('CA')).toBe(true);
    expect(needsInvoiceEmail('BE')).toBe(true);
  });
});
