import { BreakpointObserver, type BreakpointState } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { MatDatepicker } from '@angular/material/datepicker';
import { BehaviorSubject } from 'rxjs';
import { CALENDAR_DAY_FORMATS, DateFieldsModule, provideCalendarDays } from './calendar-day-adapter';
import { LanguageService } from './language.service';
import { SessionStore } from './session.store';
import { TenantStore } from './tenant.store';

describe('CalendarDayAdapter', () => {
  const language = signal<'nl' | 'en'>('nl');
  const tenant = signal<{ currency: string } | null>({ currency: 'EUR' });
  let adapter: DateAdapter<string, string>;
  const shown = (day: string) => adapter.format(day, CALENDAR_DAY_FORMATS.display.dateInput);

  beforeEach(() => {
    language.set('nl');
    tenant.set({ currency: 'EUR' });
    TestBed.configureTestingModule({
      providers: [
        provideCalendarDays(),
        { provide: LanguageService, useValue: { language } },
        { provide: TenantStore, useValue: { tenant } },
        { provide: SessionStore, useValue: { me: signal(null) } },
      ],
    });
    adapter = TestBed.inject(DateAdapter);
  });

  it('shows a day in the page’s locale, and follows the language switch and the tenant’s region', () => {
    expect(shown('2026-11-30')).toBe('30-11-2026');
    language.set('en');
    TestBed.tick();
    expect(shown('2026-11-30')).toBe('30/11/2026');
    tenant.set({ currency: 'CAD' });
    TestBed.tick();
    expect(shown('2026-11-30')).toBe('2026-11-30');
    tenant.set({ currency: 'USD' });
    TestBed.tick();
    expect(shown('2026-11-30')).toBe('11/30/2026');
  });

  it('tells open datepickers when the language changes', () => {
    const changes = jest.fn();
    adapter.localeChanges.subscribe(changes);
    language.set('en');
    TestBed.tick();
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('reads a day typed in the locale’s order, with any separator, or in ISO', () => {
    expect(adapter.parse('30-11-2026', null)).toBe('2026-11-30');
    expect(adapter.parse('1-2-2026', null)).toBe('2026-02-01');
    expect(adapter.parse('1.2.26', null)).toBe('2026-02-01');
    expect(adapter.parse('2026-11-30', null)).toBe('2026-11-30');
    expect(adapter.parse('', null)).toBeNull();
    language.set('en');
    tenant.set({ currency: 'USD' });
    TestBed.tick();
    expect(adapter.parse('11/30/2026', null)).toBe('2026-11-30');
    expect(adapter.parse('2026-11-30', null)).toBe('2026-11-30');
  });

  it('refuses what is no day', () => {
    for (const typed of ['31-02-2026', '30-13-2026', '11/30/2026', '30-11', 'morgen']) {
      expect(adapter.isValid(adapter.parse(typed, null) as string)).toBe(false);
    }
    expect(adapter.isValid('2026-11-30')).toBe(true);
    expect(adapter.deserialize('2026-11-30')).toBe('2026-11-30');
    expect(adapter.deserialize('')).toBeNull();
    expect(adapter.isValid(adapter.deserialize('30-11-2026') as string)).toBe(false);
  });

  it('does calendar arithmetic on days', () => {
    expect(adapter.addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(adapter.addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(adapter.getDayOfWeek('2026-11-30')).toBe(1);
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    expect(adapter.getMonthNames('long')[10]).toBe('november');
  });
});

describe('DateFieldsModule on a phone', () => {
  @Component({
    imports: [DateFieldsModule],
    changeDetection: ChangeDetectionStrategy.OnPush,
    template: `<mat-datepicker />`,
  })
  class HostComponent {
    readonly picker = viewChild.required(MatDatepicker);
  }

  const pickerAt = (phone: boolean) => {
    const state = new BehaviorSubject<BreakpointState>({ matches: phone, breakpoints: {} });
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [
        provideZonelessChangeDetection(),
        { provide: BreakpointObserver, useValue: { observe: () => state } },
        { provide: LanguageService, useValue: { language: signal('nl') } },
        { provide: TenantStore, useValue: { tenant: signal({ currency: 'EUR' }) } },
        { provide: SessionStore, useValue: { me: signal(null) } },
      ],
    });
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    return { picker: fixture.componentInstance.picker(), state };
  };

  it('opens every datepicker as the touch calendar below 600 px, and as a popup again when wider', () => {
    const { picker, state } = pickerAt(true);
    expect(picker.touchUi).toBe(true);
    state.next({ matches: false, breakpoints: {} });
    expect(picker.touchUi).toBe(false);
  });

  it('keeps the popup on a wide screen', () => {
    expect(pickerAt(false).picker.touchUi).toBe(false);
  });
});
