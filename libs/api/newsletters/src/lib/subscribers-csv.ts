import type { Language } from '@mijn-account/shared-contracts';

/** The export's columns as code names: what integrations read when no language is asked for. */
export const SUBSCRIBERS_CSV_COLUMNS = [
  'email',
  'display_name',
  'opted_in_at',
  'opted_in_ip',
  'confirmed_at',
  'confirmed_ip',
  'method',
  'privacy_version',
  'wording',
] as const;

/**
 * The subscriber export read by a person (the admin, in a spreadsheet): column names and how each
 * person signed up in the words of the admin's language, as the access-log export does
 * (`access-log-csv.ts`). The recorded consent wording stays as it was shown. A code without a word
 * here (one added later) is written as it is rather than dropped.
 */
const WORDS: Record<Language, { columns: string[]; methods: Record<string, string> }> = {
  nl: {
    columns: [
      'e-mailadres',
      'naam',
      'aangemeld op',
      'aangemeld vanaf IP-adres',
      'bevestigd op',
      'bevestigd vanaf IP-adres',
      'hoe aangemeld',
      'versie privacyverklaring',
      'tekst van de toestemming',
    ],
    methods: {
      portal: 'in Mijn account',
      'mail-link': 'via de link in een e-mail',
      'one-click': 'met één klik in een e-mail',
      'admin-import': 'toegevoegd door de beheerder',
    },
  },
  en: {
    columns: [
      'e-mail address',
      'name',
      'signed up at',
      'signed up from IP address',
      'confirmed at',
      'confirmed from IP address',
      'how they signed up',
      'privacy statement version',
      'consent wording',
    ],
    methods: {
      portal: 'in Mijn account',
      'mail-link': 'through the link in an e-mail',
      'one-click': 'with one click in an e-mail',
      'admin-import': 'added by the admin',
    },
  },
};

/** Column names: in words of `language`, or the code names when none is asked for. */
export function subscribersCsvColumns(language: Language | null): string[] {
  return language ? WORDS[language].columns : [...SUBSCRIBERS_CSV_COLUMNS];
}

/** How someone signed up (`portal`, `mail-link`), in words of `language`; the code when none is asked for. */
export function subscribersCsvMethod(language: Language | null, method: string | null): string {
  if (method === null) return '';
  return language ? (WORDS[language].methods[method] ?? method) : method;
}
