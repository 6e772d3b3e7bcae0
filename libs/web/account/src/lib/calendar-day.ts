/**
 * A calendar day (YYYY-MM-DD) in the page's locale, never shifted by a time zone: `long` in a sentence
 * ("15 oktober 2026"), `medium` in a table's column ("15 okt 2026"), as finance's tables write it.
 */
export function calendarDay(day: string | null, locale: string, style: 'long' | 'medium' = 'long'): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
