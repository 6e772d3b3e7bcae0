import { ChangeDetectionStrategy, Component, type OnInit, computed, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangeHistoryEntry, Language, Profile } from '@mijn-account/shared-contracts';
import {
  AccountDetailsStore,
  type FlatValues,
  LanguageService,
  LoadState,
  SessionStore,
  countryName,
} from '@mijn-account/web-core';
import { ChangeHistoryComponent } from './change-history.component';
import { VersionedConflictComponent } from './versioned-conflict.component';
import { VersionedForm } from './versioned-form';
import {
  LoadFailedComponent,
  Notifier,
  PAGE_STYLES,
  ProblemAlertComponent,
  SkeletonComponent,
} from '@mijn-account/web-ui';

const toFlat = (p: Profile): FlatValues => ({
  displayName: p.displayName,
  phone: p.phone ?? '',
  preferredLanguage: p.preferredLanguage ?? '',
  timeZone: p.timeZone ?? '',
});

/** Your own details: name, phone, language, time zone (e-mail: on the security page), and their history. */
@Component({
  selector: 'ma-profile-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ProblemAlertComponent,
    SkeletonComponent,
    LoadFailedComponent,
    TranslocoPipe,
    VersionedConflictComponent,
    ChangeHistoryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PAGE_STYLES,
    `
      form {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
      }
    `,
  ],
  template: `
    <h1>{{ 'profile.title' | transloco }}</h1>
    <ma-problem-alert [problem]="editor.problem()" />
    <ma-versioned-conflict [editor]="editor" (saved)="afterSave()" />
    <mat-card appearance="outlined">
      <!-- Not editable before its data is in: a sketch while it loads, a retry when it did not load. -->
      @if (editor.state.loading()) {
        <ma-skeleton shape="fields" [lines]="4" testId="profile-loading" />
      } @else if (editor.state.failed()) {
        <ma-load-failed message="states.details.failed" testId="profile-failed" (retry)="editor.state.retry()" />
      } @else {
      <p>
        {{ 'profile.emailAt' | transloco: { email: email() } }}
        <a routerLink="/security">{{ 'profile.changeEmail' | transloco }}</a>
      </p>
      <form [formGroup]="form" (ngSubmit)="editor.save().then(afterSave)" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'profile.displayName' | transloco }}</mat-label>
          <input matInput formControlName="displayName" autocomplete="name" required [readonly]="isStaff()" />
          @if (isStaff()) {
            <mat-hint>{{ 'profile.nameSetByAdmin' | transloco }}</mat-hint>
          }
          @if (form.controls.displayName.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'profile.phone' | transloco }}</mat-label>
          <input matInput type="tel" formControlName="phone" autocomplete="tel" />
          <mat-hint data-testid="phone-hint">{{ 'profile.phoneHint' | transloco: { country: phoneCountryName() } }}</mat-hint>
          @if (form.controls.phone.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'profile.language' | transloco }}</mat-label>
          <mat-select formControlName="preferredLanguage">
            <mat-option value="">{{ 'profile.languageDefault' | transloco }}</mat-option>
            <mat-option value="nl">Nederlands</mat-option>
            <mat-option value="en">English</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'profile.timeZone' | transloco }}</mat-label>
          <input matInput formControlName="timeZone" [matAutocomplete]="zonePicker" />
          <mat-autocomplete #zonePicker="matAutocomplete">
            @for (zone of timeZoneOptions(); track zone.id) {
              <mat-option [value]="zone.id">{{ zone.label }}</mat-option>
            }
          </mat-autocomplete>
          <mat-hint>{{ 'profile.timeZoneHint' | transloco }}</mat-hint>
          @if (form.controls.timeZone.errors?.['server']; as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="editor.busy()">{{ 'details.save' | transloco }}</button>
      </form>
      }
    </mat-card>
    <ma-change-history [entries]="history()" [state]="historyState" />
  `,
})
export class ProfilePageComponent implements OnInit {
  private readonly store = inject(AccountDetailsStore);
  /** Staff are named in subscribers' access logs by their tenant admin; they cannot rename themselves. */
  private readonly session = inject(SessionStore);
  protected readonly isStaff = computed(() => this.session.me()?.user.kind === 'staff');
  private readonly timeZones = Intl.supportedValuesOf('timeZone');
  protected readonly email = signal('');
  private readonly languages = inject(LanguageService);
  private readonly language = this.languages.language;
  /** Where a number without +country is read (the account's billing country, else the tenant's), named in the page's language. */
  private readonly phoneCountry = signal('');
  protected readonly phoneCountryName = computed(() => {
    const code = this.phoneCountry();
    return code ? countryName(code, this.language()) : '';
  });
  protected readonly history = signal<ChangeHistoryEntry[]>([]);
  protected readonly historyState = new LoadState();
  private readonly notifier = inject(Notifier);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    phone: [''],
    preferredLanguage: [''],
    timeZone: [''],
  });
  private readonly typedZone = toSignal(this.form.controls.timeZone.valueChanges, { initialValue: '' });
  /** The IANA time zones whose name contains what was typed ("amster", "new york"), at most 50 at a time. */
  protected readonly timeZoneOptions = computed(() => {
    const typed = this.typedZone()
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '_');
    const zones = typed ? this.timeZones.filter((zone) => zone.toLowerCase().includes(typed)) : this.timeZones;
    return zones.slice(0, 50).map((id) => ({ id, label: id.split('_').join(' ') }));
  });
  protected readonly editor = new VersionedForm<Profile>(this.form, {
    toFlat,
    load: async () => {
      const loaded = await this.store.loadProfile();
      this.email.set(loaded.value.email);
      this.phoneCountry.set(loaded.value.phoneCountry);
      return loaded;
    },
    save: (flat, etag) =>
      this.store.saveProfile(
        {
          displayName: flat['displayName'],
          phone: flat['phone'] || null,
          preferredLanguage: (flat['preferredLanguage'] || null) as Language | null,
          timeZone: flat['timeZone'] || null,
        },
        etag,
      ),
    saved: () => this.notifier.success('notices.details.saved'),
  });

  constructor() {
    // Nothing to type into before the profile is in.
    effect(() => (this.editor.state.loaded() ? this.form.enable() : this.form.disable()));
  }

  ngOnInit(): void {
    void this.editor.load();
    void this.reloadHistory();
  }

  protected readonly reloadHistory = () =>
    this.historyState.track(async () => this.history.set(await this.store.profileHistory()));

  /**
   * The history shows the change; the session learns the time zone, in which every date is shown;
   * a newly chosen language becomes the portal's at once (as it will at every sign-in).
   */
  protected readonly afterSave = async () => {
    const before = this.session.me()?.user.preferredLanguage ?? null;
    await this.reloadHistory();
    const chosen = (await this.session.refresh())?.user.preferredLanguage ?? null;
    if (chosen && chosen !== before) this.languages.use(chosen);
  };
}
