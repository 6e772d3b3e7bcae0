import { taxLabel } from './tax-label';

describe('taxLabel', () => {
  const nl = (n: number) => new Intl.NumberFormat('nl-NL').format(n);

  it('adds the rate to a text without it', () => {
    expect(taxLabel('Btw hoog', 2100, nl)).toBe('Btw hoog 21 %');
    expect(taxLabel('Nultarief', 0, nl)).toBe('Nultarief 0 %');
    expect(taxLabel('Btw', 550, nl)).toBe('Btw 5,5 %');
  });

  it('does not say a rate the text names already', () => {
    expect(taxLabel('HST 13%', 1300, nl)).toBe('HST 13%');
    expect(taxLabel('Btw 21 %', 2100, nl)).toBe('Btw 21 %');
    expect(taxLabel('Btw 5,5%', 550, nl)).toBe('Btw 5,5%');
  });

  it('still adds it when the text names another number', () => {
    expect(taxLabel('Btw 21%', 900, nl)).toBe('Btw 21% 9 %');
    expect(taxLabel('GST/HST 113%', 1300, nl)).toBe('GST/HST 113% 13 %');
  });

  it('leaves the text alone without a rate', () => {
    expect(taxLabel('Btw verlegd', null, nl)).toBe('Btw verlegd');
  });
});
