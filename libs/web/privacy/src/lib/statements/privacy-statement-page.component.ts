import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PublicStatementView } from '@mijn-account/shared-contracts';
import { LanguageService, LoadState, LocaleDatePipe, StatementsStore } from '@mijn-account/web-core';
import { EmptyStateComponent, LoadFailedComponent, PAGE_STYLES, SkeletonComponent } from '@mijn-account/web-ui';
import { StatementBlocksComponent } from './statement-blocks.component';

/**
 * The tenant's privacy statement, for anyone (signed in or not): the version in force in the page's
 * language, and every published version with the summary of what it changed.
 */
@Component({
  selector: 'ma-privacy-statement-page',
  imports: [
    MatCardModule,
    TranslocoPipe,
    LocaleDatePipe,
    StatementBlocksComponent,
    SkeletonComponent,
    LoadFailedComponent,
    EmptyStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      .meta {
        color: var(--mat-sys-on-surface-variant, #555);
      }
      .versions {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .versions li {
        padding: 0.5rem 0;
        border-top: 1px solid var(--mat-sys-outline-variant, #ccc);
      }
      .versions p {
        margin: 0.25rem 0 0;
      }
    `,
  ],
  template: `
    <h1>{{ 'privacyStatement.title' | transloco }}</h1>
    @if (page.loading()) {
      <ma-skeleton [lines]="8" testId="statement-loading" />
    } @else if (page.failed()) {
      <ma-load-failed message="privacyStatement.failed" testId="statement-failed" (retry)="page.retry()" />
    } @else if (view(); as v) {
      @if (v.current; as current) {
        <p class="meta" data-testid="statement-meta">
          {{
            'privacyStatement.meta'
              | transloco: { version: current.version, date: noon(current.effectiveOn) | maDate: 'date' }
          }}
        </p>
        <article data-testid="statement-body">
          <ma-statement-blocks [blocks]="current.blocks" />
        </article>
        <mat-card appearance="outlined">
            <h2>{{ 'privacyStatement.versions' | transloco }}</h2>
            <ul class="versions" data-testid="statement-versions">
              @for (version of v.versions; track version.version) {
                <li>
                  <strong>{{
                    'privacyStatement.versionLine'
                      | transloco: { version: version.version, date: noon(version.effectiveOn) | maDate: 'date' }
                  }}</strong>
                  <p>{{ version.summary }}</p>
                </li>
              }
            </ul>
        </mat-card>
      } @else {
        <ma-empty-state icon="shield" title="privacyStatement.none" testId="statement-none" />
      }
    }
  `,
})
export class PrivacyStatementPageComponent {
  private readonly store = inject(StatementsStore);
  private readonly language = inject(LanguageService);
  protected readonly page = new LoadState();
  protected readonly view = signal<PublicStatementView | null>(null);
  /** A calendar day at noon: the same day in every time zone. */
  protected readonly noon = (day: string) => `${day}T12:00:00`;

  constructor() {
    // In the page's language: read again when the visitor switches.
    effect(() => {
      this.language.language();
      void this.page.track(async () => this.view.set(await this.store.read()));
    });
  }
}
