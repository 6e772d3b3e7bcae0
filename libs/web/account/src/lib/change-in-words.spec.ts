import type { ChangeHistoryEntry } from '@mijn-account/shared-contracts';
import { describeChange, describeHistory } from './change-in-words';

describe('a change history in words', () => {
  it('names languages, countries and provinces in the page’s language, and shows an empty value as a dash', () => {
    expect(describeChange({ field: 'preferredLanguage', from: null, to: 'en' }, null, 'nl-NL')).toEqual({
      label: 'fields.preferredLanguage',
      from: '—',
      to: 'Engels',
    });
    expect(describeChange({ field: 'country', from: 'NL', to: 'CA' }, 'CA', 'en-CA')).toEqual({
      label: 'fields.country',
      from: 'Netherlands',
      to: 'Canada',
    });
    expect(describeChange({ field: 'region', from: null, to: 'QC' }, 'CA', 'en-CA').to).toBe('Québec');
  });

  it('labels a registration number, tax id and postal code as the billing form does for the country', () => {
    expect(describeChange({ field: 'cocNumber', from: null, to: '123456782' }, 'CA', 'en-CA').label).toBe(
      'billing.registration.businessNumber',
    );
    expect(describeChange({ field: 'vatId', from: null, to: 'x' }, 'CA', 'en-CA').label).toBe('billing.taxId.gstHst');
    expect(describeChange({ field: 'postalCode', from: null, to: '1234 AB' }, 'US', 'en-US').label).toBe(
      'fields.zipCode',
    );
    expect(describeChange({ field: 'cocNumber', from: null, to: '12345678' }, null, 'nl-NL').label).toBe(
      'fields.cocNumber',
    );
  });

  it('reads each entry against the billing country that entry left behind', () => {
    const entries: ChangeHistoryEntry[] = [
      {
        at: '2026-11-02T10:00:00Z',
        by: 'Olivia',
        byKind: 'subscriber',
        changes: [{ field: 'cocNumber', from: null, to: '1' }],
      },
      {
        at: '2026-11-01T10:00:00Z',
        by: 'Olivia',
        byKind: 'subscriber',
        changes: [{ field: 'country', from: null, to: 'CA' }],
      },
    ];
    const [newest] = describeHistory(entries, 'en-CA');
    expect(newest[0].label).toBe('billing.registration.businessNumber');
  });
});
