import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { COOKIES } from '@mijn-account/shared-contracts';
import { LanguageService } from '@mijn-account/web-core';
import { PAGE_STYLES } from '@mijn-account/web-ui';
import { CookieChoiceComponent } from './cookie-choice.component';

const KINDS = [
  { kind: 'cookie', title: 'cookies.kinds.cookie' },
  { kind: 'session-storage', title: 'cookies.kinds.session-storage' },
] as const;

/**
 * The cookie declaration, made from the one list of every cookie (and browser storage key) the
 * portal sets (`COOKIES` in the contracts); the browser tests fail on any cookie not in that list.
 */
@Component({
  selector: 'ma-cookies-page',
  imports: [MatCardModule, TranslocoPipe, CookieChoiceComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      dl {
        display: grid;
        grid-template-columns: minmax(6rem, max-content) 1fr;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      h2 {
        margin-top: 1.5rem;
      }
      h3 {
        margin-top: 0;
        font-family: monospace;
        overflow-wrap: anywhere;
      }
      @media (max-width: 599px) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
    `,
  ],
  template: `
    <h1>{{ 'cookies.title' | transloco }}</h1>
    <p>{{ 'cookies.intro' | transloco }}</p>
    <ma-cookie-choice />
    @for (group of groups(); track group.kind) {
      <h2>{{ group.title | transloco }}</h2>
      @for (cookie of group.items; track cookie.name) {
        <mat-card appearance="outlined" [attr.data-testid]="'cookie-' + cookie.name">
          <mat-card-content>
            <h3>{{ cookie.name }}</h3>
            <dl>
              <dt>{{ 'cookies.purpose' | transloco }}</dt>
              <dd>{{ cookie.purpose }}</dd>
              <dt>{{ 'cookies.duration' | transloco }}</dt>
              <dd>{{ cookie.duration }}</dd>
              <dt>{{ 'cookies.necessary' | transloco }}</dt>
              <dd>{{ (cookie.necessary ? 'cookies.yes' : 'cookies.no') | transloco }}</dd>
              @if (cookie.path) {
                <dt>{{ 'cookies.path' | transloco }}</dt>
                <dd>{{ cookie.path }}</dd>
              }
            </dl>
          </mat-card-content>
        </mat-card>
      }
    }
  `,
})
export class CookiesPageComponent {
  private readonly language = inject(LanguageService);
  protected readonly groups = computed(() => {
    const language = this.language.language();
    const items = COOKIES.map((c) => ({
      name: c.name,
      kind: c.kind,
      necessary: c.necessary,
      path: c.path ?? null,
      purpose: c.purpose[language],
      duration: c.duration[language],
    }));
    return KINDS.map(({ kind, title }) => ({ kind, title, items: items.filter((c) => c.kind === kind) }));
  });
}
