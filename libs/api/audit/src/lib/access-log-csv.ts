import type { Language } from '@mijn-account/shared-contracts';

/**
 * The access-log export is read by people (the account's owner and members, in a spreadsheet), so
 * its column names and coded values are words of the requester's language. A code without a word
 * here (one added later) is written as it is rather than dropped.
 */
const WORDS: Record<Language, { columns: string[]; values: Record<string, string> }> = {
  nl: {
    columns: [
      'nr',
      'tijdstip',
      'wie',
      'soort',
      'handeling',
      'gegevens',
      'velden',
      'uitkomst',
      'reden',
      'ticket',
      'IP-adres',
      'hash',
    ],
    values: {
      subscriber: 'klant',
      staff: 'helpdesk',
      system: 'systeem',
      'request-created': 'verzoek ingediend',
      'request-approved': 'verzoek goedgekeurd',
      'request-denied': 'verzoek afgewezen',
      'request-expired': 'verzoek verlopen',
      'grant-expired': 'toegang verlopen',
      'grant-revoked': 'toegang ingetrokken',
      'grant-closed': 'toegang afgesloten',
      read: 'ingezien',
      write: 'gewijzigd',
      'access-grant': 'helpdesktoegang',
      billing: 'factuurgegevens',
      profiles: 'profielen',
      newsletters: 'nieuwsbrieven',
      invoices: 'facturen',
      subscriptions: 'abonnementen',
      finance: 'financiën · administratie',
      allowed: 'toegestaan',
      refused: 'geweigerd',
      failed: 'mislukt',
    },
  },
  en: {
    columns: [
      'no.',
      'time',
      'who',
      'kind',
      'action',
      'data',
      'fields',
      'outcome',
      'reason',
      'ticket',
      'IP address',
      'hash',
    ],
    values: {
      subscriber: 'customer',
      staff: 'helpdesk',
      system: 'system',
      'request-created': 'request made',
      'request-approved': 'request approved',
      'request-denied': 'request denied',
      'request-expired': 'request expired',
      'grant-expired': 'access expired',
      'grant-revoked': 'access revoked',
      'grant-closed': 'access closed',
      read: 'read',
      write: 'changed',
      'access-grant': 'helpdesk access',
      billing: 'billing details',
      profiles: 'profiles',
      newsletters: 'newsletters',
      invoices: 'invoices',
      subscriptions: 'subscriptions',
      finance: 'finance · administration',
      allowed: 'allowed',
      refused: 'refused',
      failed: 'failed',
    },
  },
};

export function accessLogCsvColumns(language: Language): string[] {
  return WORDS[language].columns;
}

/** A coded value (`read`, `billing`, `staff`) in words; '' for none. */
export function accessLogCsvWord(language: Language, code: string | null): string {
  return code === null ? '' : (WORDS[language].values[code] ?? code);
}
