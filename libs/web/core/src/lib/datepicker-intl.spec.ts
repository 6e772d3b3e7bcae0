import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { provideCalendarDays } from './calendar-day-adapter';

describe('TranslatedDatepickerIntl', () => {
  it('labels the datepicker in the page’s language, and again after a switch', () => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: {
            nl: { datepicker: { openCalendarLabel: 'Kalender openen', nextMonthLabel: 'Volgende maand' } },
            en: { datepicker: { openCalendarLabel: 'Open calendar', nextMonthLabel: 'Next month' } },
          },
          translocoConfig: { availableLangs: ['nl', 'en'], defaultLang: 'nl' },
          preloadLangs: true,
        }),
      ],
      providers: [provideZonelessChangeDetection(), provideCalendarDays()],
    });
    const intl = TestBed.inject(MatDatepickerIntl);
    const changes = jest.fn();
    intl.changes.subscribe(changes);
    expect([intl.openCalendarLabel, intl.nextMonthLabel]).toEqual(['Kalender openen', 'Volgende maand']);
    TestBed.inject(TranslocoService).setActiveLang('en');
    expect([intl.openCalendarLabel, intl.nextMonthLabel]).toEqual(['Open calendar', 'Next month']);
    expect(changes).toHaveBeenCalled();
  });
});
