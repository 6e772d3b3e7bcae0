import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { IcuTranspiler, LocaleFormat, loadIcu, localeOf } from './locale';
import { LanguageService } from './language.service';
import { SessionStore } from './session.store';
import { TenantStore } from './tenant.store';

describe('LocaleFormat', () => {
  const language = signal<'nl' | 'en'>('nl');
  const tenant = signal<{ currency: string } | null>({ currency: 'EUR' });
  const me = signal<{ user: { timeZone: string | null } } | null>({ user: { timeZone: 'Europe/Amsterdam' } });
  let format: LocaleFormat;

  beforeEach(() => {
    language.set('nl');
    tenant.set({ currency: 'EUR' });
    me.set({ user: { timeZone: 'Europe/Amsterdam' } });
    TestBed.configureTestingModule({
      providers: [
        { provide: LanguageService, useValue: { language } },
        { provide: TenantStore, useValue: { tenant } },
        { provide: SessionStore, useValue: { me } },
      ],
    });
    format = TestBed.inject(LocaleFormat);
  });

  it('shows dates in Dutch, in the user’s time zone', () => {
    expect(format.date('2026-11-28T21:22:00Z')).toBe('28\u201111\u20112026, 22:22');
    me.set({ user: { timeZone: 'America/Toronto' } });
    expect(format.date('2026-11-28T21:22:00Z')).toBe('28\u201111\u20112026, 16:22');
  });

  it('shows a calendar day as that day in every time zone, in each style', () => {
    for (const zone of ['America/Toronto', 'Pacific/Kiritimati', 'Europe/Amsterdam']) {
      me.set({ user: { timeZone: zone } });
      expect(format.date('2026-11-01', 'date')).toBe('1\u00a0nov\u00a02026');
      expect(format.date('2026-11-01')).toBe('01\u201111\u20112026');
      expect(format.date('2026-11-01', 'long')).toBe('1\u00a0november\u00a02026');
      expect(format.date('2026-11-01', 'time')).toBe('');
    }
  });

  it('writes a date that never breaks inside itself, only after the comma before its time', () => {
    for (const style of ['short', 'medium', 'date', 'long'] as const) {
      for (const value of ['2026-12-01', '2026-12-01T09:03:00Z']) {
        const text = format.date(value, style);
        // A space a line may break at is only the one after a comma; a hyphen always joins.
        expect(text.replace(/, /g, '')).not.toMatch(/[ -]/);
      }
    }
    expect(format.date('2026-12-01', 'long')).toBe('1\u00a0december\u00a02026');
  });

  it('follows the language, English in the tenant’s region', () => {
    language.set('en');
    tenant.set({ currency: 'CAD' });
    me.set({ user: { timeZone: 'America/Toronto' } });
    expect(format.locale()).toBe('en-CA');
    expect(format.date('2026-11-28T21:22:00Z', 'date')).toBe('Nov\u00a028, 2026');
    expect(format.money(1234.5)).toBe('$1,234.50');
  });

  it('formats numbers and money the Dutch way', () => {
    expect(format.number(1234567.5)).toBe('1.234.567,5');
    expect(format.money(1234.5).replace(/\s/g, ' ')).toBe('€ 1.234,50');
  });

  it('ignores a time zone Intl does not know, and empty values', () => {
    me.set({ user: { timeZone: 'Mars/Olympus' } });
    expect(format.timeZone()).toBeUndefined();
    expect(format.date(null)).toBe('');
    expect(format.date('not a date')).toBe('');
  });

  it('maps languages to locales', () => {
    expect(localeOf('nl', 'CAD')).toBe('nl-NL');
    expect(localeOf('en', 'EUR')).toBe('en-GB');
    expect(localeOf('en', 'USD')).toBe('en-US');
  });
});

describe('IcuTranspiler', () => {
  // The interpreter is loaded with the first translation file (TranslationLoader); here, directly.
  beforeAll(() => loadIcu());
  const transpile = (transpiler: IcuTranspiler, value: string, params: Record<string, unknown>) =>
    transpiler.transpile({ value, params, translation: {}, key: 'k' });

  it('picks the plural form of the active language, and leaves {{ }} texts to Transloco’s interpolation', () => {
    const transpiler = TestBed.runInInjectionContext(() => new IcuTranspiler());
    transpiler.onLangChanged('nl');
    const events = '{count, plural, one {# gebeurtenis} other {# gebeurtenissen}} gecontroleerd';
    expect(transpile(transpiler, events, { count: 1 })).toBe('1 gebeurtenis gecontroleerd');
    expect(transpile(transpiler, events, { count: 1200 })).toBe('1.200 gebeurtenissen gecontroleerd');
    expect(transpile(transpiler, 'Welkom, {{ name }}.', { name: 'Eva' })).toBe('Welkom, Eva.');
  });
});
