import { type MailTemplateName, type MailTemplates, renderMail } from '@mijn-account/api-mail';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import {
  ACCESS_REASONS,
  PRIVACY_REQUEST_TYPES,
  ACCESS_SCOPES,
  ACCOUNT_ROLES,
  STAFF_ROLES,
  type Language,
} from '@mijn-account/shared-contracts';

/**
 * Mails are in the recipient's language all the way: a role, a reason or a scope is a word of that
 * language, never the code the API stores (`member`, `security`, `billing:read`). Every template is
 * rendered with every value of every code its parameters take; a template added without a sample
 * here does not compile. One invitation also goes through the running app and real SMTP.
 */
const RAW_CODES = [
  ...ACCOUNT_ROLES,
  ...STAFF_ROLES,
  ...ACCESS_REASONS,
  ...ACCESS_SCOPES,
  ...PRIVACY_REQUEST_TYPES,
  'portal',
  'mail-link',
  'admin-import',
];
const brand = { tenantName: 'Bakkerij De Vries', brandColor: '#0b5394' };
const link = 'https://mijn.example/x?token=abc';

/** Every template, each with one sample per value of its coded parameters. */
const SAMPLES: { [K in MailTemplateName]: MailTemplates[K][] } = {
  'verify-email': [{ link }],
  'sign-up-exists': [{ signInLink: link, resetLink: link }],
  'password-reset': [{ link }],
  'password-changed': [{ securityLink: link, removedSignIns: ['Google (eva@gmail.example)'] }],
  'identity-linked': [{ provider: 'Google', signIn: 'Google (eva@gmail.example)', securityLink: link }],
  'account-locked': [{ minutes: 15, resetLink: link }],
  'new-device': [{ device: 'Firefox op Linux', ip: '192.0.2.1', when: '28-11-2026 22:22', securityLink: link }],
  'email-change-confirm': [{ link, newEmail: 'eva@example.com' }],
  'email-change-taken': [{ signInLink: link }],
  'email-changed': [{ newEmail: 'eva@example.com', undoLink: link }],
  invitation: [
    ...ACCOUNT_ROLES.map((as) => ({ link, invitedBy: 'Eva', as })),
    { link, invitedBy: 'Eva', as: STAFF_ROLES },
  ],
  'invitation-exists': [
    ...ACCOUNT_ROLES.map((as) => ({ invitedBy: 'Eva', as, signInLink: link })),
    { invitedBy: 'Eva', as: STAFF_ROLES, signInLink: link },
  ],
  'newsletter-confirm': [{ link, list: 'Productnieuws' }],
  'newsletter-issue': (['portal', 'mail-link', 'admin-import'] as const).map((subscribedVia) => ({
    subject: 'Nieuws',
    body: 'Hallo.\n\nTot ziens.',
    manageLink: link,
    unsubscribeLink: link,
    list: 'Productnieuws',
    subscribedVia,
    subscribedOn: '1 november 2026',
  })),
  'access-requested': ACCESS_REASONS.map((reason) => ({
    agent: 'Hans',
    reason,
    justification: 'Factuur klopt niet',
    link,
  })),
  'internal-access': ACCESS_REASONS.map((reason) => ({ agent: 'Hans', reason, justification: 'Storing', link })),
  'invoice-issued': (['invoice', 'credit-note'] as const).map((kind) => ({
    kind,
    number: 'CM-2026-000001',
    amount: '€ 36,30',
    dueDate: kind === 'invoice' ? '15 december 2026' : null,
    link,
  })),
  'payment-reminder': [1, 2].map((reminderNo) => ({
    number: 'CM-2026-000001',
    amount: '€ 47,19',
    dueDate: '15 oktober 2026',
    reminderNo,
    link,
  })),
  'privacy-statement-published': [
    { version: 2, effectiveOn: '1 december 2026', summary: 'Een nieuwe verwerker voor e-mail.', link },
  ],
  'privacy-question': (['question', 'complaint'] as const).map((kind) => ({
    kind,
    name: 'Eva de Vries',
    email: 'eva@example.com',
    message: 'Welke gegevens hebben jullie van mij?',
    deadline: '29 december 2026',
    link,
  })),
  'privacy-request-extended': PRIVACY_REQUEST_TYPES.map((type) => ({
    type,
    receivedOn: '31 januari 2027',
    until: '28 april 2027',
    reason: 'Het verzoek betreft veel gegevens',
    link,
  })),
  'privacy-deadlines': [1, 2].map((count) => ({
    count,
    overdue: count - 1,
    lines: ['Inzage, ontvangen 3 november 2026: uiterlijk 3 december 2026'],
    link,
  })),
  'erasure-requested': [{ eraseOn: '13 december 2026', link }],
  'erasure-reminder': [{ eraseOn: '13 december 2026', link }],
  'erasure-done': [
    { accountErased: true, keptUntil: '31 december 2033', namedEntries: 0 },
    { accountErased: false, keptUntil: '31 december 2033', namedEntries: 1 },
    { accountErased: false, keptUntil: '31 december 2033', namedEntries: 3 },
  ],
  'privacy-export-ready': [{ link, expiresOn: '2 december 2026 om 12:00' }],
};

/** The raw codes (letters, digits, `-` and `:` only) found as whole words in a mail (`lid` is fine, `member` is not; `portaal` is fine, `portal` is not). */
function rawCodesIn(text: string): string[] {
  return RAW_CODES.filter((code) => new RegExp(`(^|[^\\p{L}\\p{N}:-])${code}($|[^\\p{L}\\p{N}:-])`, 'u').test(text));
}

describe('mails in the recipient’s language, with no raw codes', () => {
  it('renders every template in Dutch with words for every role and reason', () => {
    const found: string[] = [];
    for (const name of Object.keys(SAMPLES) as MailTemplateName[]) {
      for (const params of SAMPLES[name] as MailTemplates[MailTemplateName][]) {
        const mail = renderMail(name, params as never, 'nl' as Language, brand);
        for (const code of rawCodesIn(`${mail.subject}\n${mail.text}`)) found.push(`${name}: ${code}`);
      }
    }
    expect(found).toEqual([]);
    const invitation = renderMail('invitation', { link, invitedBy: 'Eva', as: 'member' }, 'nl', brand);
    expect(invitation.text).toContain('Eva nodigt je uit als lid.');
    const staff = renderMail(
      'invitation',
      { link, invitedBy: 'Eva', as: ['helpdesk-agent', 'tenant-admin'] },
      'nl',
      brand,
    );
    expect(staff.text).toContain('als helpdeskmedewerker en beheerder van het portaal.');
    expect(renderMail('internal-access', SAMPLES['internal-access'][1], 'nl', brand).text).toContain('(beveiliging)');
  });

  it('says the role in English words in English', () => {
    expect(renderMail('invitation', { link, invitedBy: 'Eva', as: 'member' }, 'en', brand).text).toContain(
      'Eva invites you as a member.',
    );
    expect(
      renderMail('invitation-exists', { invitedBy: 'Eva', as: ['finance'], signInLink: link }, 'en', brand).text,
    ).toContain('as a finance officer.');
  });

  describe('through the running app', () => {
    let t: TestApp;
    let owner: PortalClient;

    beforeAll(async () => {
      t = await startTestApp();
      owner = t.client(t.alpha);
      await owner.signIn(t.alpha.accounts[0].owner.email);
    });
    afterAll(() => t.close());

    it('sends an owner’s invitation of a member in Dutch, “als lid”, over SMTP', async () => {
      const invited = await owner.request('POST', '/api/account/members', {
        body: { email: 'collega@example.com', displayName: 'Collega', role: 'member' },
      });
      expect(invited.statusCode).toBe(201);
      const mail = await t.mail.waitFor('collega@example.com', (m) => m.subject.startsWith('Uitnodiging'));
      expect(mail.text).toContain('nodigt je uit als lid.');
      expect(rawCodesIn(`${mail.subject}\n${mail.text}`)).toEqual([]);
    });
  });
});
