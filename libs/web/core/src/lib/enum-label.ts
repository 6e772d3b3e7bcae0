import { ChangeDetectorRef, Pipe, inject, type PipeTransform } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { filter } from 'rxjs';
import {
  ACCESS_LOG_ACTIONS,
  ACCESS_LOG_RESOURCES,
  ACCESS_OUTCOMES,
  ACCESS_REASONS,
  ACCESS_SCOPES,
  ACCOUNT_ROLES,
  BILLING_RUN_STATUSES,
  FINANCE_READ_REASON,
  GRANT_STATUSES,
  IDENTITY_PROVIDERS,
  INVOICING_REQUIREMENTS,
  LEGAL_BASES,
  MY_INVOICE_STATUSES,
  PRIVACY_REQUEST_CHANNELS,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  DEADLINE_STATES,
  NEWSLETTER_STATUSES,
  PERSON_STATUSES,
  SUBSCRIPTION_STATUSES,
  SIGN_IN_METHODS,
  SIGN_IN_OUTCOMES,
  STAFF_ROLES,
} from '@mijn-account/shared-contracts';
import { LocaleFormat } from './locale';

/**
 * Every code the API sends that a page shows, by family: the translation key prefix and the code
 * list (from shared-contracts) it must cover. Pages show a code only through `maLabel`; the i18n
 * unit test checks every code of every family against nl.json and en.json.
 */
export const ENUM_LABELS = {
  role: { prefix: 'roles.', codes: [...ACCOUNT_ROLES, ...STAFF_ROLES] },
  scope: { prefix: 'helpdesk.scopes.', codes: ACCESS_SCOPES },
  // A helpdesk grant's reason, or finance's own (its reads of an account are logged as `finance`).
  reason: { prefix: 'helpdesk.reasons.', codes: [...ACCESS_REASONS, FINANCE_READ_REASON] },
  grantStatus: { prefix: 'helpdesk.statuses.', codes: GRANT_STATUSES },
  logAction: { prefix: 'helpdesk.actions.', codes: ACCESS_LOG_ACTIONS },
  logResource: { prefix: 'helpdesk.resources.', codes: ACCESS_LOG_RESOURCES },
  logOutcome: { prefix: 'helpdesk.outcomes.', codes: ACCESS_OUTCOMES },
  personStatus: { prefix: 'members.statuses.', codes: PERSON_STATUSES },
  newsletterStatus: { prefix: 'newsletters.statuses.', codes: NEWSLETTER_STATUSES },
  signInMethod: { prefix: 'security.methods.', codes: SIGN_IN_METHODS },
  signInOutcome: { prefix: 'security.outcomes.', codes: SIGN_IN_OUTCOMES },
  provider: { prefix: 'signIn.with.', codes: IDENTITY_PROVIDERS },
  runStatus: { prefix: 'finance.runs.statuses.', codes: BILLING_RUN_STATUSES },
  invoicingRequirement: { prefix: 'finance.dashboard.missing.', codes: INVOICING_REQUIREMENTS },
  myInvoiceStatus: { prefix: 'myInvoices.statuses.', codes: MY_INVOICE_STATUSES },
  subscriptionStatus: { prefix: 'subscription.statuses.', codes: SUBSCRIPTION_STATUSES },
  legalBasis: { prefix: 'privacy.overview.bases.', codes: LEGAL_BASES },
  privacyRequestType: { prefix: 'privacy.requests.types.', codes: PRIVACY_REQUEST_TYPES },
  privacyRequestChannel: { prefix: 'privacy.requests.channels.', codes: PRIVACY_REQUEST_CHANNELS },
  privacyRequestStatus: { prefix: 'privacy.requests.statuses.', codes: PRIVACY_REQUEST_STATUSES },
  deadlineState: { prefix: 'privacy.requests.deadlineStates.', codes: DEADLINE_STATES },
} as const satisfies Record<string, { prefix: string; codes: readonly string[] }>;
export type EnumFamily = keyof typeof ENUM_LABELS;

/**
 * `{{ g.reason | maLabel: 'reason' }}`, `{{ g.scopes | maLabel: 'scope' }}` (a list, joined in the
 * language's way): the text of a code in the active language. A code outside its family's list (a
 * newer server) shows as itself rather than as a missing key.
 */
@Pipe({ name: 'maLabel', pure: false })
export class EnumLabelPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);
  private readonly locale = inject(LocaleFormat).locale;

  constructor() {
    // Like TranslocoPipe: an OnPush page shows the new language once its texts have loaded.
    const changes = inject(ChangeDetectorRef);
    this.transloco.events$
      .pipe(
        filter((e) => e.type === 'langChanged' || e.type === 'translationLoadSuccess'),
        takeUntilDestroyed(),
      )
      .subscribe(() => changes.markForCheck());
  }

  transform(value: string | readonly string[] | null | undefined, family: EnumFamily): string {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string') {
      const parts = value.map((code) => this.label(code, family));
      return new Intl.ListFormat(this.locale(), { type: 'conjunction' }).format(parts);
    }
    return this.label(value, family);
  }

  private label(code: string, family: EnumFamily): string {
    const { prefix, codes } = ENUM_LABELS[family];
    return (codes as readonly string[]).includes(code) ? this.transloco.translate(prefix + code) : code;
  }
}
