import { BreakpointObserver } from '@angular/cdk/layout';
import { Directive, Injectable, NgModule, type Provider, effect, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MAT_NATIVE_DATE_FORMATS,
  type MatDateFormats,
  NativeDateAdapter,
} from '@angular/material/core';
import { MatDatepicker, MatDatepickerIntl, MatDatepickerModule } from '@angular/material/datepicker';
import { TranslatedDatepickerIntl } from './datepicker-intl';
import { LocaleFormat } from './locale';

/** A calendar day as the API and the forms hold it. */
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** The parts of a day, in the order the locale writes them in short ("30-11-2026", "11/30/2026", "2026-11-30"). */
function partOrder(locale: string): ('day' | 'month' | 'year')[] {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2026, 10, 30)))
    .flatMap((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type] : []));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The date adapter of every Material datepicker: its values are calendar days as the forms and the
 * API hold them (`2026-11-30`, no time, no zone), and it shows, reads and names days in the page's
 * locale (LocaleFormat: the UI language, English in the tenant's region) — not the browser's, so a
 * Dutch page shows and accepts 30-11-2026 in a US browser. Names of months and weekdays and the
 * calendar's formats come from Material's NativeDateAdapter, on the same locale.
 */
@Injectable()
export class CalendarDayAdapter extends DateAdapter<string, string> {
  private readonly native = new NativeDateAdapter();
  private order = partOrder('nl-NL');

  constructor() {
    super();
    const locale = inject(LocaleFormat).locale;
    this.setLocale(locale());
    // The language switch (and the tenant's region) re-renders open calendars and inputs.
    effect(() => this.setLocale(locale()));
  }

  override setLocale(locale: string): void {
    if (locale === this.locale) return;
    this.native.setLocale(locale);
    this.order = partOrder(locale);
    super.setLocale(locale);
  }

  /** Typed by a person: the locale's order with any separators (30-11-2026, 30/11/26, 1.12.2026), or ISO (2026-11-30). */
  parse(value: unknown): string | null {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const iso = ISO_DAY.exec(value.trim());
    const numbers = iso ? iso.slice(1) : (value.match(/\d+/g) ?? []);
    if (numbers.length !== 3) return this.invalid();
    const part = Object.fromEntries(
      (iso ? ['year', 'month', 'day'] : this.order).map((p, i) => [p, Number(numbers[i])]),
    );
    const year = part['year'] < 100 ? 2000 + part['year'] : part['year'];
    return this.day(year, part['month'], part['day']) ?? this.invalid();
  }

  format(date: string, displayFormat: object): string {
    if (!this.isValid(date)) throw Error('CalendarDayAdapter: cannot format an invalid day.');
    return this.native.format(this.toDate(date), displayFormat);
  }

  /** A day from the server or a form: ISO only; empty is no day. */
  override deserialize(value: unknown): string | null {
    if (value === '' || value === null || value === undefined) return null;
    if (typeof value !== 'string') return this.invalid();
    const iso = ISO_DAY.exec(value);
    return (iso && this.day(Number(iso[1]), Number(iso[2]), Number(iso[3]))) ?? this.invalid();
  }

  getYear(date: string): number {
    return Number(date.slice(0, 4));
  }
  getMonth(date: string): number {
    return Number(date.slice(5, 7)) - 1;
  }
  getDate(date: string): number {
    return Number(date.slice(8, 10));
  }
  getDayOfWeek(date: string): number {
    return this.native.getDayOfWeek(this.toDate(date));
  }
  getMonthNames(style: 'long' | 'short' | 'narrow'): string[] {
    return this.native.getMonthNames(style);
  }
  getDateNames(): string[] {
    return this.native.getDateNames();
  }
  getDayOfWeekNames(style: 'long' | 'short' | 'narrow'): string[] {
    return this.native.getDayOfWeekNames(style);
  }
  getYearName(date: string): string {
    return this.native.getYearName(this.toDate(date));
  }
  getFirstDayOfWeek(): number {
    return this.native.getFirstDayOfWeek();
  }
  getNumDaysInMonth(date: string): number {
    return this.native.getNumDaysInMonth(this.toDate(date));
  }
  clone(date: string): string {
    return date;
  }
  createDate(year: number, month: number, date: number): string {
    return this.fromDate(this.native.createDate(year, month, date));
  }
  today(): string {
    return this.fromDate(this.native.today());
  }
  addCalendarYears(date: string, years: number): string {
    return this.fromDate(this.native.addCalendarYears(this.toDate(date), years));
  }
  addCalendarMonths(date: string, months: number): string {
    return this.fromDate(this.native.addCalendarMonths(this.toDate(date), months));
  }
  addCalendarDays(date: string, days: number): string {
    return this.fromDate(this.native.addCalendarDays(this.toDate(date), days));
  }
  toIso8601(date: string): string {
    return date;
  }
  isDateInstance(obj: unknown): boolean {
    return typeof obj === 'string';
  }
  isValid(date: string): boolean {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    return iso !== null && this.day(Number(iso[1]), Number(iso[2]), Number(iso[3])) === date;
  }
  invalid(): string {
    return 'invalid';
  }

  /** The day, or null when there is no such day (31-02-2026, month 13). */
  private day(year: number, month: number, day: number): string | null {
    if (month < 1 || month > 12 || day < 1) return null;
    if (day > this.native.getNumDaysInMonth(this.native.createDate(year, month - 1, 1))) return null;
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  }

  private toDate(date: string): Date {
    return this.native.createDate(this.getYear(date), this.getMonth(date), this.getDate(date));
  }

  private fromDate(date: Date): string {
    return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
}

/** The input shows a day in the locale's short numeric form, with a four-digit year (30-11-2026, 30/11/2026, 2026-11-30). */
export const CALENDAR_DAY_FORMATS: MatDateFormats = {
  parse: { dateInput: null },
  display: { ...MAT_NATIVE_DATE_FORMATS.display, dateInput: { year: 'numeric', month: '2-digit', day: '2-digit' } },
};

/** Every datepicker's adapter, formats and labels (DateFieldsModule provides them). */
export function provideCalendarDays(): Provider[] {
  return [
    { provide: DateAdapter, useClass: CalendarDayAdapter },
    { provide: MAT_DATE_FORMATS, useValue: CALENDAR_DAY_FORMATS },
    { provide: MatDatepickerIntl, useClass: TranslatedDatepickerIntl },
  ];
}

/** Below Material's small breakpoint (600 px), as the pages' own phone rules. */
const PHONE_QUERY = '(max-width: 599.98px)';

/**
 * On a phone every datepicker opens as Material's touch calendar (a dialog in the middle of the
 * screen) instead of a popup beside its field, which at 360 px covered the top bar.
 */
// Material's own element, wherever a page has one: the setting belongs to every datepicker alike.
// eslint-disable-next-line @angular-eslint/directive-selector
@Directive({ selector: 'mat-datepicker' })
export class PhoneDatepickerDirective {
  constructor() {
    const picker = inject(MatDatepicker);
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(takeUntilDestroyed())
      .subscribe((state) => (picker.touchUi = state.matches));
  }
}

/**
 * The date fields of a page: Material's datepicker with CalendarDayAdapter, as MatNativeDateModule is
 * with the native one, opening as a touch calendar on a phone. A page with a date field imports it (not
 * MatDatepickerModule); it comes with that page's lazy chunk, not with the app's first download (the
 * datepicker is ~300 kB).
 */
@NgModule({
  imports: [MatDatepickerModule, PhoneDatepickerDirective],
  exports: [MatDatepickerModule, PhoneDatepickerDirective],
  providers: provideCalendarDays(),
})
export class DateFieldsModule {}
