import {
  type ChangeHistoryEntry,
  type FieldChange,
  addressRules,
  companyIdRules,
} from '@mijn-account/shared-contracts';
import { REGION_NAMES } from './regions';

/** Settings recorded as `true` / `false`, said as yes or no in the page's language. */
const BOOLEAN_FIELDS = new Set(['membersSeeInvoices']);
const YES_NO = { nl: { true: 'ja', false: 'nee' }, en: { true: 'yes', false: 'no' } } as const;

/** One change as the page says it: the field's label (a translation key) and both values in words. */
export interface ChangeInWords {
  label: string;
  from: string;
  to: string;
}

/**
 * A history line in the reader's words. The label of a registration number, tax id or postal code
 * is the one the billing form shows for `country` (the billing country as that change left it);
 * languages and countries are named in the page's language,
 * provinces and states by name. Codes stay in the API.
 */
export function describeChange(change: FieldChange, country: string | null, locale: string): ChangeInWords {
  const ids = country ? companyIdRules(country) : null;
  const labels: Record<string, string> = {
    cocNumber: ids?.registration ? `billing.registration.${ids.registration}` : 'fields.cocNumber',
    vatId: ids?.taxId ? `billing.taxId.${ids.taxId}` : 'fields.vatId',
    postalCode: country ? `fields.${addressRules(country).postalCode.label}` : 'fields.postalCode',
  };
  const named = (type: 'language' | 'region', code: string) => {
    try {
      return new Intl.DisplayNames([locale], { type }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const word = (value: string | null): string => {
    if (value === null || value === '') return '—';
    if (change.field === 'preferredLanguage') return named('language', value);
    if (change.field === 'country') return named('region', value);
    if (change.field === 'region') return (country && REGION_NAMES[country]?.[value]) || value;
    if (BOOLEAN_FIELDS.has(change.field) && (value === 'true' || value === 'false'))
      return YES_NO[locale.startsWith('nl') ? 'nl' : 'en'][value];
    return value;
  };
  return { label: labels[change.field] ?? `fields.${change.field}`, from: word(change.from), to: word(change.to) };
}

/** Every change of every entry in words, each read against the billing country its entry left behind (the history carries each change of it). */
export function describeHistory(entries: ChangeHistoryEntry[], locale: string): ChangeInWords[][] {
  const countryAfter = new Map<ChangeHistoryEntry, string | null>();
  let country: string | null = null;
  for (const entry of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
    const set = entry.changes.find((c) => c.field === 'country');
    if (set) country = set.to;
    countryAfter.set(entry, country);
  }
  return entries.map((entry) => entry.changes.map((c) => describeChange(c, countryAfter.get(entry) ?? null, locale)));
}
