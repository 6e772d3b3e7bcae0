import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import {
  ACCESS_LOG_FIELDS,
  ACCOUNT_ROLES,
  DRAFT_PROBLEMS,
  IDENTITY_PROVIDERS,
  LANGUAGES,
  OBJECTION_PURPOSES,
  PLAN_INTERVALS,
  RUN_SKIP_REASONS,
  STAFF_ROLES,
  USAGE_EVENTS,
  USAGE_FEATURES,
  ERASURE_KEPT,
  PRIVACY_EXPORT_STATUSES,
  COOKIE_CHOICES,
  SIGN_IN_METHODS_REMEMBERED,
} from '@mijn-account/shared-contracts';
import { DATEPICKER_LABELS } from './datepicker-intl';
import { ENUM_LABELS } from './enum-label';

/**
 * Every translation key the web uses exists in nl.json and en.json, and the two files have the same
 * keys. Static keys are the dotted string literals in libs/web and apps/web/src whose first part is
 * a section of the files; a key built at run time (`'helpdesk.reasons.' + g.reason`,
 * `` `fields.${field}` ``) must belong to a family listed below, and each code of a closed family
 * (from shared-contracts where the codes live there) must have its text in both files.
 */
const ROOT = resolve(__dirname, '../../../../..');
const SOURCES = ['libs/web', 'apps/web/src'];

type Tree = { [key: string]: string | Tree };
const nl = JSON.parse(readFileSync(join(ROOT, 'apps/web/public/i18n/nl.json'), 'utf8')) as Tree;
const en = JSON.parse(readFileSync(join(ROOT, 'apps/web/public/i18n/en.json'), 'utf8')) as Tree;

/** Families whose members are one closed list: each member must be translated. */
const CLOSED_FAMILIES: Record<string, readonly string[]> = {
  ...Object.fromEntries(Object.values(ENUM_LABELS).map(({ prefix, codes }) => [prefix, codes])),
  'roles.': [...ACCOUNT_ROLES, ...STAFF_ROLES],
  'helpdesk.fields.': ACCESS_LOG_FIELDS,
  'datepicker.': DATEPICKER_LABELS,
  'security.identities.link.': IDENTITY_PROVIDERS,
  'security.stepUp.': ['password', 'secret', 'code'],
  'admin.access.': ['maxMinutes', 'defaultMinutes', 'requestTimeoutHours'],
  'admin.signIn.': ['freeAttempts', 'lockAfter', 'lockMinutes', 'ipLockAfter'],
  'admin.signIn.issuerErrors.': ['isHttps', 'publicHost', 'unresolvable'],
  'admin.newsletters.previewIn.': LANGUAGES,
  'subscription.perInterval.': PLAN_INTERVALS,
  'myInvoices.kind.': ['invoice', 'credit-note'],
  'finance.runs.problems.': DRAFT_PROBLEMS,
  'finance.runs.skipReasons.': RUN_SKIP_REASONS,
  'privacy.restriction.objection.': OBJECTION_PURPOSES,
  'privacy.restriction.objectionEffect.': OBJECTION_PURPOSES,
  'privacy.erasure.erased.': ['profile', 'signIns', 'newsletters', 'history', 'account'],
  'privacy.erasure.kept.': ERASURE_KEPT,
  'privacy.export.status.': PRIVACY_EXPORT_STATUSES,
  'cookieConsent.lastSignIn.': SIGN_IN_METHODS_REMEMBERED,
  'cookieConsent.choice.': [...COOKIE_CHOICES, 'none'],
  'admin.statistics.features.': USAGE_FEATURES,
  'admin.statistics.events.': Object.entries(USAGE_EVENTS).flatMap(([f, events]) => events.map((e) => `${f}.${e}`)),
};

/**
 * Families whose members come from elsewhere (server field names and error codes, route data); the
 * code that builds them falls back to the server's text or checks the member before. They must
 * exist as a section in both files (and the key-set comparison keeps nl and en equal).
 */
const OPEN_FAMILIES = [
  'fields.',
  'fieldErrors.',
  'signIn.errors.',
  'links.',
  'password.',
  'confirm.',
  // per country, from shared-contracts' address rules (their kinds are types there, not lists)
  'billing.region.',
  'billing.registration.',
  'billing.taxId.',
];

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : leaves(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key
    .split('.')
    .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

const sections = new Set(Object.keys(nl));
const files = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

/** `'a.b.c'`, `"a.b"`: dotted literals starting with a section of the translation files. */
function staticKeys(text: string): string[] {
  return [...text.matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9:-]+)+)['"`]/g)]
    .map((m) => m[1])
    .filter((key) => sections.has(key.split('.')[0]));
}

/** `'a.b.' + x` and `` `a.b.${x}` ``: the prefix of a key built at run time. */
function dynamicPrefixes(text: string): string[] {
  return [...text.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z0-9:-]+)*\.)'\s*\+|`([a-zA-Z]+(?:\.[a-zA-Z0-9:-]+)*\.)\$\{/g)]
    .map((m) => m[1] ?? m[2])
    .filter((prefix) => sections.has(prefix.split('.')[0]));
}

describe('translation keys', () => {
  it('nl.json and en.json have the same keys', () => {
    const [nlKeys, enKeys] = [new Set(leaves(nl)), new Set(leaves(en))];
    expect({
      onlyInNl: [...nlKeys].filter((k) => !enKeys.has(k)),
      onlyInEn: [...enKeys].filter((k) => !nlKeys.has(k)),
    }).toEqual({
      onlyInNl: [],
      onlyInEn: [],
    });
  });

  it('finds the keys in the code (the scan works)', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap((f) => staticKeys(f.text)).length).toBeGreaterThan(200);
  });

  it('every key written in the code has its text in both languages', () => {
    const missing = files.flatMap(({ path, text }) =>
      staticKeys(text)
        .filter((key) => !CLOSED_FAMILIES[key] && !OPEN_FAMILIES.includes(key))
        .flatMap((key) =>
          [nl, en].flatMap((tree, i) =>
            lookup(tree, key) === undefined ? [`${path}: ${key} (${i ? 'en' : 'nl'})`] : [],
          ),
        ),
    );
    expect(missing).toEqual([]);
  });

  it('every key built at run time belongs to a listed family', () => {
    const unlisted = files.flatMap(({ path, text }) =>
      dynamicPrefixes(text)
        .filter((prefix) => !(prefix in CLOSED_FAMILIES) && !OPEN_FAMILIES.includes(prefix))
        .map((prefix) => `${path}: ${prefix}`),
    );
    expect(unlisted).toEqual([]);
  });

  it('every code of a closed family (scopes, reasons, roles, statuses, log events …) has its text in both languages', () => {
    const missing = Object.entries(CLOSED_FAMILIES).flatMap(([prefix, codes]) =>
      codes.flatMap((code) =>
        [nl, en].flatMap((tree, i) =>
          typeof lookup(tree, prefix + code) === 'string' ? [] : [`${prefix}${code} (${i ? 'en' : 'nl'})`],
        ),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('every open family is a section in both languages', () => {
    const missing = OPEN_FAMILIES.flatMap((prefix) =>
      [nl, en].flatMap((tree, i) =>
        typeof lookup(tree, prefix.slice(0, -1)) === 'object' ? [] : [`${prefix} (${i ? 'en' : 'nl'})`],
      ),
    );
    expect(missing).toEqual([]);
  });

  it('every ICU message (plural, select) parses in its language', () => {
    const broken = (
      [
        ['nl', nl],
        ['en', en],
      ] as const
    ).flatMap(([lang, tree]) =>
      leaves(tree).flatMap((key) => {
        const text = lookup(tree, key) as string;
        if (!/\{\s*\w+\s*,\s*(plural|select)/.test(text)) return [];
        try {
          new IntlMessageFormat(text, lang);
          return [];
        } catch (error) {
          return [`${lang} ${key}: ${(error as Error).message}`];
        }
      }),
    );
    expect(broken).toEqual([]);
  });
});
