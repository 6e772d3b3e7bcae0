import { COUNTRY_CODES } from '@mijn-account/shared-contracts';

/** One `Intl.DisplayNames` per language, made when first asked for (each costs a phone a few ms). */
const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A country's name in `language` ("Nederland", "Netherlands") for its ISO code; anything that is not
 * a country code (a name being typed into a picker) as it is.
 */
export function countryName(code: string, language: string): string {
  if (!COUNTRY_CODES.includes(code)) return code;
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' });
    displayNames.set(language, names);
  }
  return names.of(code) ?? code;
}

/** Every country with its name in `language`, sorted by name as `language` sorts (a picker's list). */
export function countriesByName(language: string): { code: string; name: string }[] {
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}
