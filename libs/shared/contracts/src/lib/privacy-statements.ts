import type { Language } from './roles';

/*
 * Privacy statements with versions and the cookie declaration (issue 18 §6–7).
 *
 * A statement's Markdown is never turned into HTML: it is parsed into the small structure below
 * (headings, paragraphs, lists; bold, italic and links inside them), and the page renders that with
 * ordinary template bindings, which escape every character. So nothing the tenant types — a
 * `<script>`, an `onerror=`, a `javascript:` link — can reach the page as markup.
 */

/** A run of text, bold and/or italic, or a link (only https:, mailto: and the portal's own paths). */
export interface StatementInline {
  text: string;
  strong?: true;
  em?: true;
  href?: string;
}

export type StatementBlock =
  | { kind: 'heading'; level: 2 | 3 | 4; content: StatementInline[] }
  | { kind: 'paragraph'; content: StatementInline[] }
  | { kind: 'list'; ordered: boolean; items: StatementInline[][] };

/** A link target the page may carry: https, mailto, or a path of this portal (never `//host`). */
export function safeHref(href: string): string | null {
  const value = href.trim();
  if (/^https:\/\/[^\s<>"]+$/i.test(value)) return value;
  if (/^mailto:[^\s<>"]+$/i.test(value)) return value;
  if (/^\/(?![/\\])[^\s<>"]*$/.test(value)) return value;
  return null;
}

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Bold (`**`), italic (`*` or `_`) and links (`[text](url)`) in one line of text; everything else is text. */
export function parseInline(text: string): StatementInline[] {
  const out: StatementInline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    const [, strong, em1, em2, label, href] = match;
    if (strong !== undefined) out.push({ text: strong, strong: true });
    else if (em1 !== undefined || em2 !== undefined) out.push({ text: (em1 ?? em2) as string, em: true });
    else {
      const target = safeHref(href as string);
      out.push(target ? { text: label as string, href: target } : { text: label as string });
    }
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * A safe subset of Markdown: `#`–`###` headings (shown one level below the page's title), paragraphs
 * (lines joined until a blank line), `-`/`*` and `1.` lists. Raw HTML is text like any other.
 */
export function parseStatement(markdown: string): StatementBlock[] {
  const blocks: StatementBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.+)$/.exec(line);
    const bullet = /^[-*]\s+(.+)$/.exec(line);
    const numbered = /^\d{1,3}[.)]\s+(.+)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({
        kind: 'heading',
        level: (heading[1].length + 1) as 2 | 3 | 4,
        content: parseInline(heading[2].replace(/\s#+$/, '')),
      });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      const current = list as { ordered: boolean; items: string[] } | null;
      if (paragraph.length || (current && current.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? '');
    } else if (list) {
      const items = (list as { items: string[] }).items;
      items[items.length - 1] += ` ${line}`;
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** A published version as anyone reads it, in the language asked for. */
export interface StatementVersionView {
  version: number;
  /** YYYY-MM-DD */
  effectiveOn: string;
  publishedAt: string;
  summary: string;
}

/** The public page: the statement in force (parsed), and every published version with its summary. */
export interface PublicStatementView {
  current: (StatementVersionView & { blocks: StatementBlock[] }) | null;
  versions: StatementVersionView[];
}

/** The signed-in person's banner: the version they have not acknowledged yet, if any. */
export interface StatementNotice {
  pending: StatementVersionView | null;
}

export interface AcknowledgeStatement {
  version: number;
}

/** A version as the tenant admin edits it: both languages, raw Markdown. */
export interface AdminStatementView {
  version: number;
  effectiveOn: string;
  summaryNl: string;
  summaryEn: string;
  bodyNl: string;
  bodyEn: string;
  status: 'draft' | 'published';
  publishedAt: string | null;
  announcedTo: number | null;
}

export interface AdminStatementsView {
  statements: AdminStatementView[];
  /** How many people publishing now would mail: the count the admin confirms. */
  recipients: number;
}

export type StatementDraftInput = Pick<
  AdminStatementView,
  'effectiveOn' | 'summaryNl' | 'summaryEn' | 'bodyNl' | 'bodyEn'
>;

/** Cookies (and browser storage) the portal sets: the one list the cookie page is made from. */
export interface CookieDeclaration {
  name: string;
  kind: 'cookie' | 'session-storage';
  necessary: boolean;
  purpose: Record<Language, string>;
  duration: Record<Language, string>;
  /** Only on the paths below this one (the rest of the portal never sees it). */
  path?: string;
}

/**
 * Every cookie and storage key the portal sets, and why. The browser tests collect every cookie
 * their pages got and fail on a name that is not here (e2e/cookie-collector.ts).
 */
export const COOKIES: readonly CookieDeclaration[] = [
  {
    name: 'ma_sid',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Houdt je ingelogd: een willekeurige sessiecode, alleen voor de server leesbaar (HttpOnly). Over https heet hij __Host-ma_sid.',
      en: 'Keeps you signed in: a random session code only the server can read (HttpOnly). Over https it is called __Host-ma_sid.',
    },
    duration: {
      nl: 'Tot je uitlogt, na 30 minuten zonder activiteit, of uiterlijk na 12 uur',
      en: 'Until you sign out, after 30 minutes without activity, or at most 12 hours',
    },
  },
  {
    name: '__Host-ma_sid',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Dezelfde sessiecookie als ma_sid, vastgepind op dit adres (alleen over https).',
      en: 'The same session cookie as ma_sid, pinned to this address (https only).',
    },
    duration: {
      nl: 'Tot je uitlogt, na 30 minuten zonder activiteit, of uiterlijk na 12 uur',
      en: 'Until you sign out, after 30 minutes without activity, or at most 12 hours',
    },
  },
  {
    name: 'XSRF-TOKEN',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Beschermt tegen vervalste verzoeken van andere websites (CSRF): de pagina stuurt deze code mee bij elke wijziging.',
      en: 'Protects against forged requests from other websites (CSRF): the page sends this code along with every change.',
    },
    duration: { nl: 'Zolang je sessie duurt', en: 'As long as your session' },
  },
  {
    name: 'ma_dev',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Herkent deze browser bij het inloggen, zodat we je waarschuwen als iemand op een nieuw apparaat inlogt. Een willekeurige code, niets over jou.',
      en: 'Recognises this browser when you sign in, so we can warn you when someone signs in on a new device. A random code, nothing about you.',
    },
    duration: { nl: '1 jaar', en: '1 year' },
  },
  {
    name: 'ma_oidc',
    kind: 'cookie',
    necessary: true,
    path: '/api/auth',
    purpose: {
      nl: 'Koppelt het inloggen met Google of Microsoft aan deze browser, zodat niemand anders die inlogstap kan afmaken.',
      en: 'Binds signing in with Google or Microsoft to this browser, so nobody else can complete that sign-in step.',
    },
    duration: { nl: '10 minuten', en: '10 minutes' },
  },
  {
    name: 'ma_cookie_choice',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Onthoudt of je de optionele cookie hieronder toestond of weigerde, zodat we het maar één keer vragen. Alleen "accepted" of "refused", niets over jou.',
      en: 'Remembers whether you accepted or refused the optional cookie below, so we ask only once. Only "accepted" or "refused", nothing about you.',
    },
    duration: { nl: '1 jaar', en: '1 year' },
  },
  {
    name: 'ma_signed_in',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Zegt het portaal dat deze browser ingelogd is, zodat het je niet eerst de inlogpagina toont. Alleen "1", geen code en niets over jou; de sessiecookie blijft bepalen of je ingelogd bent.',
      en: 'Tells the portal this browser is signed in, so it does not show you the sign-in page first. Only "1", no code and nothing about you; the session cookie still decides whether you are signed in.',
    },
    duration: {
      nl: 'Zo lang als de sessiecookie: tot je uitlogt of je sessie afloopt, uiterlijk na 12 uur',
      en: 'As long as the session cookie: until you sign out or your session ends, at most 12 hours',
    },
  },
  {
    name: 'ma_lang',
    kind: 'cookie',
    necessary: true,
    purpose: {
      nl: 'Onthoudt de taal die je koos (nl of en), met de taalkeuze of als je eigen taal in je gegevens (die zetten we bij het inloggen), zodat elke pagina meteen in die taal verschijnt.',
      en: 'Remembers the language you chose (nl or en), with the language switch or as your own language in your details (set when you sign in), so every page appears in that language at once.',
    },
    duration: { nl: '1 jaar', en: '1 year' },
  },
  {
    name: 'ma_last_sign_in',
    kind: 'cookie',
    necessary: false,
    purpose: {
      nl: 'Onthoudt hoe je in deze browser de vorige keer inlogde (wachtwoord, Google of Microsoft 365), zodat de inlogpagina dat laat zien. Alleen als de organisatie hem aanzet en jij toestemming geeft; intrekken op deze pagina of je privacypagina wist hem.',
      en: 'Remembers how you signed in on this browser last time (password, Google or Microsoft 365), so the sign-in page can show it. Only when the organisation turns it on and you consent; withdrawing on this page or your privacy page removes it.',
    },
    duration: { nl: '180 dagen', en: '180 days' },
  },
  {
    name: 'ma.returnTo',
    kind: 'session-storage',
    necessary: true,
    purpose: {
      nl: 'Onthoudt welke pagina je opende voordat je moest inloggen, alleen in dit tabblad.',
      en: 'Remembers which page you opened before you had to sign in, in this tab only.',
    },
    duration: { nl: 'Tot je het tabblad sluit', en: 'Until you close the tab' },
  },
];

/** The names the portal may set as cookies (the browser tests' check). */
export const COOKIE_NAMES: readonly string[] = COOKIES.filter((c) => c.kind === 'cookie').map((c) => c.name);
