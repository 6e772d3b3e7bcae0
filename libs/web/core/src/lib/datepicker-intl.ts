import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslocoService } from '@jsverse/transloco';

/** The datepicker's words for screen readers (its toggle, the calendar's buttons), each a key of `datepicker.`. */
export const DATEPICKER_LABELS = [
  'calendarLabel',
  'openCalendarLabel',
  'closeCalendarLabel',
  'prevMonthLabel',
  'nextMonthLabel',
  'prevYearLabel',
  'nextYearLabel',
  'prevMultiYearLabel',
  'nextMultiYearLabel',
  'switchToMonthViewLabel',
  'switchToMultiYearViewLabel',
] as const;

/** Material's datepicker labels in the page's language ("Kalender openen"), again on each language switch. */
@Injectable()
export class TranslatedDatepickerIntl extends MatDatepickerIntl {
  constructor() {
    super();
    inject(TranslocoService)
      .selectTranslateObject<Record<string, string>>('datepicker')
      .pipe(takeUntilDestroyed())
      .subscribe((labels) => {
        for (const key of DATEPICKER_LABELS) if (typeof labels?.[key] === 'string') this[key] = labels[key];
        this.changes.next();
      });
  }
}
