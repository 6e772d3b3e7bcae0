import { countriesByName, countryName } from './country-names';

describe('country names', () => {
  it('names a country code in the language, and leaves anything else as it is', () => {
    expect(countryName('NL', 'nl')).toBe('Nederland');
    expect(countryName('NL', 'en')).toBe('Netherlands');
    expect(countryName('Neder', 'nl')).toBe('Neder');
    expect(countryName('', 'nl')).toBe('');
  });

  it('lists every country sorted by its name in the language', () => {
    const dutch = countriesByName('nl');
    expect(dutch.length).toBeGreaterThan(200);
    const names = dutch.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('nl').compare));
    expect(dutch.find((c) => c.code === 'DE')?.name).toBe('Duitsland');
  });
});
