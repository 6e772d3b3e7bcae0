/** A calendar day (YYYY-MM-DD) in the page's locale, never shifted by a time zone. */
export function calendarDay(day: string | null, locale: string): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
