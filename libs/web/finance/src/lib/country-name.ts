/** A country's name in `language` ("Nederland", "Netherlands") for its ISO code; the code where the browser has none. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code; // not a region code Intl knows
  }
}
