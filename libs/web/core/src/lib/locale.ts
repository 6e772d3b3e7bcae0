import { Injectable, Pipe, computed, inject, type PipeTransform } from '@angular/core';
import { DefaultTranspiler, type TranspileParams } from '@jsverse/transloco';
import type { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '@mijn-account/shared-contracts';
import { LanguageService } from './language.service';
import { SessionStore } from './session.store';
import { TenantStore } from './tenant.store';

/** English follows the tenant's region (its currency tells it); Dutch is the Netherlands'. */
const ENGLISH_BY_CURRENCY: Record<string, string> = { CAD: 'en-CA', USD: 'en-US', GBP: 'en-GB', AUD: 'en-AU' };

export function localeOf(language: Language, currency: string | undefined): string {
  if (language === 'nl') return 'nl-NL';
  return (currency && ENGLISH_BY_CURRENCY[currency]) ?? 'en-GB';
}

const timeZoneKnown = new Map<string, boolean>();

/** A time zone Intl knows, or undefined (the browser's). Each zone is checked once. */
export function knownTimeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  let known = timeZoneKnown.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    timeZoneKnown.set(zone, known);
  }
  return known ? zone : undefined;
}

export type DateStyle = 'short' | 'medium' | 'date' | 'long' | 'time';
const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  time: { timeStyle: 'short' },
};

/**
 * A date is read whole: its spaces become no-break spaces and its hyphens non-breaking hyphens, so
 * "1 december 2026" or "30-11-2026" never breaks inside itself at 360 px — in a table cell and in a
 * translated sentence alike, where no `.nowrap` span can reach. The break after a comma ("30-11-2026,
 * 09:03") stays: a date and its time may take two lines.
 */
export function unbreakable(text: string): string {
  return text.replace(/(?<!,) /g, '\u00a0').replace(/-/g, '\u2011');
}

/** An invoice's issue date, a period's first day, a deadline: a day on the calendar, not a moment. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Intl formatters of one locale and time zone, each made when first asked for and then kept:
 * making one costs a phone a millisecond or more (the first with a time zone or a currency several,
 * ICU loading its data), and a page uses a few of the styles, not all of them.
 */
class Formats {
  private readonly made = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

  constructor(
    private readonly locale: string,
    private readonly timeZone: string | undefined,
  ) {}

  /** A moment's format of `style` in the time zone. */
  moment(style: DateStyle): Intl.DateTimeFormat {
    return this.kept(
      `moment:${style}`,
      () => new Intl.DateTimeFormat(this.locale, { ...DATE_STYLES[style], timeZone: this.timeZone }),
    );
  }

  /**
   * A calendar day has no time of day: the style's date part only (a `time` of it shows nothing),
   * midnight UTC of the day shown in UTC — the same day for every viewer, east or west of Greenwich.
   */
  day(style: DateStyle): Intl.DateTimeFormat | null {
    const { dateStyle } = DATE_STYLES[style];
    return dateStyle
      ? this.kept(`day:${dateStyle}`, () => new Intl.DateTimeFormat(this.locale, { dateStyle, timeZone: 'UTC' }))
      : null;
  }

  number(): Intl.NumberFormat {
    return this.kept('number', () => new Intl.NumberFormat(this.locale));
  }

  money(currency: string): Intl.NumberFormat {
    return this.kept(`money:${currency}`, () => new Intl.NumberFormat(this.locale, { style: 'currency', currency }));
  }

  private kept<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
    let format = this.made.get(key) as T | undefined;
    if (!format) {
      format = make();
      this.made.set(key, format);
    }
    return format;
  }
}

/**
 * The one place dates, numbers and money are formatted: in the active language's locale (its region
 * from the tenant) and the signed-in user's time zone (their profile; else the browser's).
 */
@Injectable({ providedIn: 'root' })
export class LocaleFormat {
  private readonly language = inject(LanguageService).language;
  private readonly tenant = inject(TenantStore).tenant;
  private readonly me = inject(SessionStore).me;

  readonly locale = computed(() => localeOf(this.language(), this.tenant()?.currency));
  readonly timeZone = computed(() => knownTimeZone(this.me()?.user.timeZone));
  private readonly formats = computed(() => new Formats(this.locale(), this.timeZone()));

  /**
   * A moment (ISO timestamp, epoch, Date) in the user's time zone; a calendar day (YYYY-MM-DD) as
   * that day, whatever the zone — parsed as a moment it would be midnight UTC, the day before in
   * Toronto.
   */
  date(value: string | number | Date | null | undefined, style: DateStyle = 'short'): string {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'string' && CALENDAR_DAY.test(value))
      return unbreakable(
        this.formats()
          .day(style)
          ?.format(new Date(`${value}T00:00:00Z`)) ?? '',
      );
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? '' : unbreakable(this.formats().moment(style).format(date));
  }

  number(value: number | null | undefined): string {
    return value === null || value === undefined ? '' : this.formats().number().format(value);
  }

  /** An amount in the tenant's currency unless another is given. */
  money(value: number | null | undefined, currency = this.tenant()?.currency ?? 'EUR'): string {
    if (value === null || value === undefined) return '';
    return this.formats().money(currency).format(value);
  }
}

/** `{{ at | maDate }}` / `{{ at | maDate: 'medium' }}`: re-renders when the language changes. */
@Pipe({ name: 'maDate', pure: false })
export class LocaleDatePipe implements PipeTransform {
  private readonly format = inject(LocaleFormat);
  transform(value: string | number | Date | null | undefined, style: DateStyle = 'short'): string {
    return this.format.date(value, style);
  }
}

@Pipe({ name: 'maNumber', pure: false })
export class LocaleNumberPipe implements PipeTransform {
  private readonly format = inject(LocaleFormat);
  transform(value: number | null | undefined): string {
    return this.format.number(value);
  }
}

@Pipe({ name: 'maMoney', pure: false })
export class LocaleMoneyPipe implements PipeTransform {
  private readonly format = inject(LocaleFormat);
  transform(value: number | null | undefined, currency?: string): string {
    return this.format.money(value, currency);
  }
}

const ICU = /\{\s*[\w.]+\s*,\s*(plural|select|selectordinal)\s*,/;

let icu: typeof IntlMessageFormat | null = null;
let icuLoading: Promise<void> | null = null;

/**
 * Loads FormatJS's ICU interpreter (~40 kB) in a chunk of its own, once: the translation loader
 * waits for it together with the first translation file, so no text is shown before it is there
 * and the first download of the app does not carry it.
 */
export function loadIcu(): Promise<void> {
  icuLoading ??= import('intl-messageformat').then((module) => {
    icu = module.IntlMessageFormat;
  });
  return icuLoading;
}

/**
 * Transloco's `{{ param }}` interpolation, plus ICU messages (`{count, plural, one {# event} other
 * {# events}}`) through FormatJS's intl-messageformat — an interpreter, so the portal's CSP needs no
 * 'unsafe-eval' (the messageformat.js compiler behind @jsverse/transloco-messageformat builds
 * functions with `new Function`, which `script-src 'self'` refuses).
 */
@Injectable()
export class IcuTranspiler extends DefaultTranspiler {
  private lang = 'nl';
  private readonly cache = new Map<string, IntlMessageFormat>();

  override transpile(params: TranspileParams): unknown {
    const { value } = params;
    if (typeof value !== 'string' || !ICU.test(value) || !icu) return super.transpile(params);
    const key = `${this.lang}\u0000${value}`;
    let message = this.cache.get(key);
    if (!message) {
      message = new icu(value, this.lang);
      this.cache.set(key, message);
    }
    return message.format(params.params ?? {});
  }

  onLangChanged(lang: string): void {
    this.lang = lang;
  }
}
