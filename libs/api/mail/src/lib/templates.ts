import type {
  AccessReason,
  AccountRole,
  Language,
  PrivacyRequestKind,
  StaffRole,
} from '@mijn-account/shared-contracts';

/** Every mail the portal sends, with the values each one needs. */
export interface MailTemplates {
  'verify-email': { link: string };
  'sign-up-exists': { signInLink: string; resetLink: string };
  'password-reset': { link: string };
  /** `removedSignIns`: the linked sign-ins a password reset removed ("Google (x@gmail.com)"). */
  'password-changed': { securityLink: string; removedSignIns?: string[] };
  'identity-linked': { provider: string; signIn: string; securityLink: string };
  'account-locked': { minutes: number; resetLink: string };
  'new-device': { device: string; ip: string; when: string; securityLink: string };
  'email-change-confirm': { link: string; newEmail: string };
  'email-change-taken': { signInLink: string };
  'email-changed': { newEmail: string; undoLink: string };
  /** `as`: the account role, or the staff roles, the invitation gives (put in words in the mail's language). */
  invitation: { link: string; invitedBy: string; as: InvitedAs };
  'invitation-exists': { invitedBy: string; as: InvitedAs; signInLink: string };
  'newsletter-confirm': { link: string; list: string };
  'newsletter-issue': {
    subject: string;
    body: string;
    manageLink: string;
    unsubscribeLink: string;
    /** Why this person gets it: the list, how they signed up, and when they confirmed (a formatted day). */
    list: string;
    subscribedVia: 'portal' | 'mail-link' | 'admin-import';
    subscribedOn: string | null;
  };
  'access-requested': { agent: string; reason: AccessReason; justification: string; link: string };
  'internal-access': { agent: string; reason: AccessReason; justification: string; link: string };
  /**
   * An invoice or credit note was issued; its PDF is attached. `amount` and `dueDate` are formatted
   * in the mail's language (`dueDate` null for a credit note); `link` opens Mijn facturen.
   */
  'invoice-issued': {
    kind: 'invoice' | 'credit-note';
    number: string;
    amount: string;
    dueDate: string | null;
    link: string;
  };
  /** An overdue invoice: amount still open and due date formatted in the reader's language; `reminderNo` 1, 2, … */
  'payment-reminder': { number: string; amount: string; dueDate: string; reminderNo: number; link: string };
  /** A new version of the privacy statement: its number, the day it takes effect (formatted), what changed. */
  'privacy-statement-published': { version: number; effectiveOn: string; summary: string; link: string };
  /** A question or complaint from the privacy page, to the tenant's privacy contact; `deadline` written out in the mail's language. */
  'privacy-question': {
    kind: 'question' | 'complaint';
    name: string;
    email: string;
    message: string;
    deadline: string;
    link: string;
  };
  /** A privacy request's deadline was extended (Art. 12(3)): dates formatted in the reader's language; the reason in staff's words. */
  'privacy-request-extended': {
    type: PrivacyRequestKind;
    receivedOn: string;
    until: string;
    reason: string;
    link: string;
  };
  /** The daily notice to the tenant's privacy contact: open requests due within 7 days (`lines`: one per request, formatted). */
  'privacy-deadlines': { count: number; overdue: number; lines: string[]; link: string };
  /** Erasure asked for (or its end near): `eraseOn` formatted in the reader's language; `link` opens the page where it is cancelled. */
  'erasure-requested': { eraseOn: string; link: string };
  'erasure-reminder': { eraseOn: string; link: string };
  /** The last mail to an erased person: what went, what stays and until when (`keptUntil`: formatted). */
  /** `namedEntries`: access-log entries written before erasable entries existed, which keep the name. */
  'erasure-done': { accountErased: boolean; keptUntil: string; namedEntries: number };
  /** A data export is ready: `link` opens the export page (signed in as the same user); `expiresOn` formatted in the mail's language. */
  'privacy-export-ready': { link: string; expiresOn: string };
}

export type InvitedAs = AccountRole | readonly StaffRole[];

/** A privacy request's type in words of the mail's language. */
export const PRIVACY_WORDS: Record<Language, Record<PrivacyRequestKind, string>> = {
  nl: {
    access: 'inzage',
    rectification: 'correctie',
    erasure: 'verwijdering',
    restriction: 'beperking van de verwerking',
    objection: 'bezwaar',
    portability: 'overdraagbaarheid',
    question: 'vraag',
    complaint: 'klacht',
  },
  en: {
    access: 'access',
    rectification: 'rectification',
    erasure: 'erasure',
    restriction: 'restriction of processing',
    objection: 'objection',
    portability: 'portability',
    question: 'question',
    complaint: 'complaint',
  },
};

/**
 * Codes never reach a mail as they are: roles and reasons are words of the recipient's language
 * (the mail-language test renders every template with every value and looks for raw codes).
 */
const WORDS: Record<
  Language,
  { roles: Record<AccountRole | StaffRole, string>; and: string; reasons: Record<AccessReason, string> }
> = {
  nl: {
    roles: {
      owner: 'eigenaar',
      member: 'lid',
      'helpdesk-agent': 'helpdeskmedewerker',
      'helpdesk-supervisor': 'supervisor van de helpdesk',
      finance: 'medewerker financiën',
      'tenant-admin': 'beheerder van het portaal',
    },
    and: 'en',
    reasons: { service: 'een vraag van de klant', security: 'beveiliging', availability: 'beschikbaarheid' },
  },
  en: {
    roles: {
      owner: 'an owner',
      member: 'a member',
      'helpdesk-agent': 'a helpdesk agent',
      'helpdesk-supervisor': 'a helpdesk supervisor',
      finance: 'a finance officer',
      'tenant-admin': 'a portal administrator',
    },
    and: 'and',
    reasons: { service: 'a customer question', security: 'security', availability: 'availability' },
  },
};

/** "lid"; "helpdeskmedewerker en beheerder van het portaal". */
function asWords(language: Language, as: InvitedAs): string {
  const words = (typeof as === 'string' ? [as] : [...as]).map((role) => WORDS[language].roles[role]);
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} ${WORDS[language].and} ${words[words.length - 1]}`
    : (words[0] ?? '');
}
export type MailTemplateName = keyof MailTemplates;

export interface Branding {
  tenantName: string;
  brandColor: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Copy {
  subject: string;
  /** Paragraphs; a paragraph that is exactly a link target is rendered as a button. */
  body: (string | { button: string; href: string })[];
}

type CopyBook = { [K in MailTemplateName]: (p: MailTemplates[K], tenant: string) => Copy };

const invoiceIssuedNl: CopyBook['invoice-issued'] = (p, t) =>
  p.kind === 'invoice'
    ? {
        subject: `Factuur ${p.number} van ${t}`,
        body: [
          `Je factuur ${p.number} van ${p.amount} staat klaar${p.dueDate ? ` en moet uiterlijk ${p.dueDate} betaald zijn` : ''}. De factuur zit als pdf bij deze e-mail.`,
          'Je vindt al je facturen, ook als e-factuur (UBL), onder Mijn facturen.',
          { button: 'Mijn facturen', href: p.link },
        ],
      }
    : {
        subject: `Creditnota ${p.number} van ${t}`,
        body: [
          `We hebben creditnota ${p.number} van ${p.amount} voor je opgemaakt. De creditnota zit als pdf bij deze e-mail.`,
          'Je vindt al je facturen en creditnota’s, ook als e-factuur (UBL), onder Mijn facturen.',
          { button: 'Mijn facturen', href: p.link },
        ],
      };
const invoiceIssuedEn: CopyBook['invoice-issued'] = (p, t) =>
  p.kind === 'invoice'
    ? {
        subject: `Invoice ${p.number} from ${t}`,
        body: [
          `Your invoice ${p.number} of ${p.amount} is ready${p.dueDate ? ` and is due by ${p.dueDate}` : ''}. The invoice is attached to this e-mail as a PDF.`,
          'You find all your invoices, also as an e-invoice (UBL), under My invoices.',
          { button: 'My invoices', href: p.link },
        ],
      }
    : {
        subject: `Credit note ${p.number} from ${t}`,
        body: [
          `We issued credit note ${p.number} of ${p.amount} to you. The credit note is attached to this e-mail as a PDF.`,
          'You find all your invoices and credit notes, also as an e-invoice (UBL), under My invoices.',
          { button: 'My invoices', href: p.link },
        ],
      };

const nl: CopyBook = {
  'invoice-issued': invoiceIssuedNl,
  'privacy-statement-published': (p, t) => ({
    subject: `Nieuwe privacyverklaring van ${t}`,
    body: [
      `${t} heeft versie ${p.version} van de privacyverklaring gepubliceerd. Deze geldt vanaf ${p.effectiveOn}.`,
      `Wat er verandert: ${p.summary}`,
      'Je hoeft niets te doen; je gegevens worden niet voor nieuwe doelen gebruikt zonder je toestemming. Je leest de hele verklaring, en alle eerdere versies, in het portaal.',
      { button: 'Privacyverklaring lezen', href: p.link },
    ],
  }),
  'verify-email': (p, t) => ({
    subject: `Bevestig je e-mailadres voor ${t}`,
    body: [
      'Welkom! Bevestig je e-mailadres om je account te gebruiken. De link werkt 24 uur en één keer.',
      { button: 'E-mailadres bevestigen', href: p.link },
    ],
  }),
  'sign-up-exists': (p, t) => ({
    subject: `Je hebt al een account bij ${t}`,
    body: [
      'Iemand probeerde met dit e-mailadres een account aan te maken, maar er bestaat er al een. Was jij dat? Log dan in, of stel een nieuw wachtwoord in.',
      { button: 'Inloggen', href: p.signInLink },
      { button: 'Wachtwoord vergeten', href: p.resetLink },
      'Was jij het niet? Dan hoef je niets te doen.',
    ],
  }),
  'password-reset': (p) => ({
    subject: 'Nieuw wachtwoord instellen',
    body: [
      'Je vroeg om een nieuw wachtwoord. De link werkt 30 minuten en één keer. Al je sessies worden daarna beëindigd.',
      { button: 'Nieuw wachtwoord instellen', href: p.link },
      'Heb jij dit niet gevraagd? Dan hoef je niets te doen.',
    ],
  }),
  'password-changed': (p) => ({
    subject: 'Je wachtwoord is gewijzigd',
    body: [
      'Het wachtwoord van je account is zojuist gewijzigd. Was jij dit niet? Stel dan meteen een nieuw wachtwoord in en bekijk je sessies.',
      ...(p.removedSignIns?.length
        ? [
            `Met het nieuwe wachtwoord zijn ook je gekoppelde aanmeldingen verwijderd: ${p.removedSignIns.join(', ')}. Koppel ze opnieuw op je beveiligingspagina als je ze wilt blijven gebruiken.`,
          ]
        : []),
      { button: 'Beveiliging bekijken', href: p.securityLink },
    ],
  }),
  'identity-linked': (p) => ({
    subject: `Inloggen met ${p.provider} is toegevoegd aan je account`,
    body: [
      `Je kunt voortaan ook inloggen met ${p.signIn}.`,
      'Was jij dit niet? Verwijder die aanmelding op je beveiligingspagina en wijzig je wachtwoord.',
      { button: 'Aanmelding verwijderen', href: p.securityLink },
    ],
  }),
  'account-locked': (p) => ({
    subject: 'Je account is tijdelijk geblokkeerd',
    body: [
      `Er is te vaak een verkeerd wachtwoord of een verkeerde code gebruikt. Inloggen is ${p.minutes} minuten geblokkeerd.`,
      'Was jij dit niet? Stel een nieuw wachtwoord in.',
      { button: 'Nieuw wachtwoord instellen', href: p.resetLink },
    ],
  }),
  'new-device': (p) => ({
    subject: 'Nieuwe aanmelding op je account',
    body: [
      `Er is ingelogd vanaf een nieuw apparaat: ${p.device}, IP-adres ${p.ip}, op ${p.when}.`,
      'Was jij dit niet? Beëindig die sessie en wijzig je wachtwoord.',
      { button: 'Sessies bekijken', href: p.securityLink },
    ],
  }),
  'email-change-taken': (p, t) => ({
    subject: `Iemand wilde dit e-mailadres gebruiken bij ${t}`,
    body: [
      `Iemand vroeg om het e-mailadres van een ander account bij ${t} te veranderen in dit adres. Dit adres hoort al bij een account, dus er is niets veranderd.`,
      'Was jij dat? Een e-mailadres hoort bij één account: log in met dit adres, of kies voor het andere account een ander adres. Was jij het niet? Dan hoef je niets te doen.',
      { button: 'Inloggen', href: p.signInLink },
    ],
  }),
  'email-change-confirm': (p) => ({
    subject: 'Bevestig je nieuwe e-mailadres',
    body: [
      `Bevestig dat ${p.newEmail} je nieuwe e-mailadres wordt. De link werkt 24 uur en één keer.`,
      { button: 'Nieuw adres bevestigen', href: p.link },
    ],
  }),
  'email-changed': (p) => ({
    subject: 'Je e-mailadres is gewijzigd',
    body: [
      `Je account gebruikt voortaan ${p.newEmail}. Was jij dit niet? Maak de wijziging ongedaan; al je sessies worden dan beëindigd. De link werkt 7 dagen.`,
      { button: 'Wijziging ongedaan maken', href: p.undoLink },
    ],
  }),
  'invitation-exists': (p, t) => ({
    subject: `Je bent uitgenodigd bij ${t}, maar je hebt er al een account`,
    body: [
      `${p.invitedBy} nodigde dit e-mailadres uit als ${asWords('nl', p.as)}. Dit adres hoort al bij een account bij ${t}, en een adres hoort bij één account, dus er is niets veranderd.`,
      `Wil je meedoen? Vraag ${p.invitedBy} je uit te nodigen op een ander e-mailadres. Je eigen account blijft zoals het is.`,
      { button: 'Inloggen', href: p.signInLink },
    ],
  }),
  invitation: (p, t) => ({
    subject: `Uitnodiging voor ${t}`,
    body: [
      `${p.invitedBy} nodigt je uit als ${asWords('nl', p.as)}. Kies een wachtwoord om je account te activeren. De link werkt 7 dagen en één keer.`,
      { button: 'Uitnodiging aannemen', href: p.link },
    ],
  }),
  'newsletter-confirm': (p) => ({
    subject: `Bevestig je aanmelding voor ${p.list}`,
    body: [
      `Je hebt je aangemeld voor ${p.list}. Bevestig dat je deze nieuwsbrief wilt ontvangen; pas daarna sturen we hem.`,
      { button: 'Aanmelding bevestigen', href: p.link },
      'Heb jij je niet aangemeld? Dan hoef je niets te doen.',
    ],
  }),
  'newsletter-issue': (p, t) =>
    issue(
      p,
      'Mijn nieuwsbrieven beheren',
      'Afmelden',
      `Je ontvangt deze e-mail omdat ${
        {
          portal: 'je je in Mijn account',
          'mail-link': 'je je via de link “Mijn nieuwsbrieven beheren” in een e-mail',
          'admin-import': `${t} je met jouw toestemming`,
        }[p.subscribedVia]
      }${p.subscribedOn ? ` op ${p.subscribedOn}` : ''} ${p.subscribedVia === 'admin-import' ? 'heeft aangemeld' : 'hebt aangemeld'} voor “${p.list}” van ${t}, en je dat per e-mail hebt bevestigd.`,
    ),
  'access-requested': (p) => ({
    subject: 'De helpdesk vraagt toegang tot je account',
    body: [
      `${p.agent} van de helpdesk vraagt tijdelijk toegang tot je account. Reden: “${p.justification}”.`,
      'Je beslist zelf: keur goed (eventueel korter of met minder rechten) of wijs af. Deze mail keurt niets goed.',
      { button: 'Verzoek bekijken', href: p.link },
    ],
  }),
  'internal-access': (p) => ({
    subject: 'Interne toegang tot je account',
    body: [
      `Om een technische reden (${WORDS.nl.reasons[p.reason]}) heeft een supervisor ${p.agent} van de helpdesk tijdelijk toegang tot je account gegeven. Toelichting: “${p.justification}”.`,
      'Je ziet in het portaal precies wat er gebeurt, en na afloop wat er is gedaan.',
      { button: 'Helpdesktoegang bekijken', href: p.link },
    ],
  }),
  'payment-reminder': (p, t) => ({
    subject: `${p.reminderNo > 1 ? 'Tweede herinnering' : 'Herinnering'}: factuur ${p.number} van ${t} staat nog open`,
    body: [
      `Factuur ${p.number} had op ${p.dueDate} betaald moeten zijn. Er staat nog ${p.amount} open.`,
      'Heb je al betaald? Dan kruisen onze berichten elkaar en hoef je niets te doen. Vermeld bij betaling het factuurnummer.',
      { button: 'Mijn facturen bekijken', href: p.link },
    ],
  }),
  'privacy-question': (p) => ({
    subject: p.kind === 'complaint' ? `Privacyklacht van ${p.name}` : `Privacyvraag van ${p.name}`,
    body: [
      `${p.name} (${p.email}) stuurde via de privacypagina ${p.kind === 'complaint' ? 'een klacht' : 'een vraag'}:`,
      `“${p.message}”`,
      `Het verzoek staat in het register; beantwoord het uiterlijk op ${p.deadline} (één maand, AVG art. 12 lid 3).`,
      { button: 'Privacyverzoeken bekijken', href: p.link },
    ],
  }),
  'privacy-request-extended': (p) => ({
    subject: 'We hebben meer tijd nodig voor je privacyverzoek',
    body: [
      `Je verzoek (${PRIVACY_WORDS.nl[p.type]}) van ${p.receivedOn} beantwoorden we uiterlijk ${p.until}, later dan de gewone termijn van een maand.`,
      `De reden: “${p.reason}”.`,
      'De AVG staat een verlenging van ten hoogste twee maanden toe als een verzoek ingewikkeld is of als er veel verzoeken zijn. Je kunt de stand van je verzoeken altijd in het portaal zien.',
      { button: 'Mijn privacyverzoeken', href: p.link },
    ],
  }),
  'privacy-deadlines': (p, t) => ({
    subject: `${p.count} privacyverzoek${p.count === 1 ? '' : 'en'} van ${t} bijna of al over de termijn`,
    body: [
      `${p.count} open privacyverzoek${p.count === 1 ? ' moet' : 'en moeten'} binnen 7 dagen beantwoord zijn${p.overdue > 0 ? `; ${p.overdue} ${p.overdue === 1 ? 'is' : 'zijn'} al te laat` : ''}.`,
      ...p.lines,
      { button: 'Privacyverzoeken bekijken', href: p.link },
    ],
  }),
  'erasure-requested': (p, t) => ({
    subject: `Je hebt gevraagd je gegevens bij ${t} te wissen`,
    body: [
      `We wissen je account en je persoonsgegevens op ${p.eraseOn}. Tot dan kun je dit nog annuleren; daarna kan dat niet meer.`,
      'Facturen en creditnota’s met het adres erop bewaren we 7 jaar, omdat de belastingwet dat vraagt. Je toestemmingen en het toegangslogboek bewaren we als bewijs, zonder je naam in het logboek.',
      { button: 'Verzoek bekijken of annuleren', href: p.link },
      'Heb jij dit niet gevraagd? Annuleer het dan en wijzig je wachtwoord.',
    ],
  }),
  'erasure-reminder': (p, t) => ({
    subject: `Op ${p.eraseOn} wissen we je gegevens bij ${t}`,
    body: [
      `Zoals je vroeg, wissen we je account en je persoonsgegevens op ${p.eraseOn}. Wil je dat toch niet? Annuleer het dan voor die dag.`,
      { button: 'Verzoek bekijken of annuleren', href: p.link },
    ],
  }),
  'erasure-done': (p, t) => ({
    subject: `Je gegevens bij ${t} zijn gewist`,
    body: [
      'Gewist: je naam, e-mailadres, wachtwoord en tweede factor, je sessies en apparaten, je koppelingen met Google of Microsoft, je nieuwsbriefinschrijvingen, je openstaande links en uitnodigingen, je aanmeldgeschiedenis, je wijzigingsgeschiedenis en de e-mails die we je stuurden.' +
        (p.accountErased
          ? ' Je was de laatste persoon van je account, dus ook de naam, het adres en de contactgegevens van het account zijn gewist.'
          : ''),
      `Bewaard, afgeschermd: facturen en creditnota’s met de klantgegevens erop (adres en factuur-e-mailadres) tot ${p.keptUntil}, omdat de belastingwet 7 jaar bewaren vraagt; daarna verwijderen we ze. Tot dan ook dat en wanneer we die facturen en betalingsherinneringen verstuurden, zonder e-mailadres en zonder de tekst van de e-mails, als bewijs bij die facturen. Je toestemmingen en intrekkingen, als bewijs dat we je keuzes volgden. Het toegangslogboek van je account: in de vermeldingen over jou zijn je naam, IP-adres en gebruikers-id gewist; er blijft alleen een vingerafdruk van over die met een willekeurige sleutel per vermelding is gemaakt, en die sleutels zijn nu gewist, zodat niemand de vermelding nog aan jou kan koppelen en het logboek toch controleerbaar blijft.${p.namedEntries > 0 ? ` ${p.namedEntries === 1 ? 'Eén vermelding is' : `${p.namedEntries} vermeldingen zijn`} van vóór deze manier van vastleggen; die ${p.namedEntries === 1 ? 'houdt' : 'houden'} je naam, omdat het logboek anders niet meer controleerbaar is.` : ''} Je privacyverzoeken, zonder wat je erin schreef, als bewijs dat we ze afhandelden.`,
      'Dit is de laatste e-mail die je van ons krijgt.',
    ],
  }),
  'privacy-export-ready': (p, t) => ({
    subject: `Je gegevens van ${t} staan klaar`,
    body: [
      'De export van al je gegevens die je hebt aangevraagd, is klaar: een ZIP-bestand met een leesbaar overzicht, dezelfde gegevens machineleesbaar, je facturen en het toegangslog van je account.',
      `De link werkt tot ${p.expiresOn} en alleen als je bent aangemeld met je eigen account. Daarna verwijderen we de export.`,
      { button: 'Export downloaden', href: p.link },
    ],
  }),
};

/** An issue's own text, split into paragraphs at blank lines, then why the reader gets it and the links every newsletter carries. */
const issue = (p: MailTemplates['newsletter-issue'], manage: string, unsubscribe: string, why: string): Copy => ({
  subject: p.subject,
  body: [
    ...p.body
      .split(/\n\s*\n/)
      .map((para) => para.trim())
      .filter(Boolean),
    why,
    { button: manage, href: p.manageLink },
    { button: unsubscribe, href: p.unsubscribeLink },
  ],
});

const en: CopyBook = {
  'invoice-issued': invoiceIssuedEn,
  'privacy-statement-published': (p, t) => ({
    subject: `New privacy statement from ${t}`,
    body: [
      `${t} has published version ${p.version} of its privacy statement. It takes effect on ${p.effectiveOn}.`,
      `What changes: ${p.summary}`,
      'You need not do anything; your data is not used for new purposes without your consent. You can read the whole statement, and every earlier version, in the portal.',
      { button: 'Read the privacy statement', href: p.link },
    ],
  }),
  'verify-email': (p, t) => ({
    subject: `Confirm your e-mail address for ${t}`,
    body: [
      'Welcome! Confirm your e-mail address to start using your account. The link works once, for 24 hours.',
      { button: 'Confirm e-mail address', href: p.link },
    ],
  }),
  'sign-up-exists': (p, t) => ({
    subject: `You already have an account with ${t}`,
    body: [
      'Someone tried to sign up with this e-mail address, but it already has an account. Was it you? Sign in, or set a new password.',
      { button: 'Sign in', href: p.signInLink },
      { button: 'Forgot password', href: p.resetLink },
      'If it was not you, you need not do anything.',
    ],
  }),
  'password-reset': (p) => ({
    subject: 'Set a new password',
    body: [
      'You asked for a new password. The link works once, for 30 minutes. All your sessions end afterwards.',
      { button: 'Set a new password', href: p.link },
      'If you did not ask for this, you need not do anything.',
    ],
  }),
  'password-changed': (p) => ({
    subject: 'Your password was changed',
    body: [
      'The password of your account was just changed. If this was not you, set a new password at once and review your sessions.',
      ...(p.removedSignIns?.length
        ? [
            `With the new password, your linked sign-ins were removed too: ${p.removedSignIns.join(', ')}. Link them again on your security page if you want to keep using them.`,
          ]
        : []),
      { button: 'Review security', href: p.securityLink },
    ],
  }),
  'identity-linked': (p) => ({
    subject: `A ${p.provider} sign-in was added to your account`,
    body: [
      `From now on you can also sign in with ${p.signIn}.`,
      'If this was not you, remove that sign-in on your security page and change your password.',
      { button: 'Remove the sign-in', href: p.securityLink },
    ],
  }),
  'account-locked': (p) => ({
    subject: 'Your account is temporarily locked',
    body: [
      `A wrong password or code was used too often. Signing in is locked for ${p.minutes} minutes.`,
      'If this was not you, set a new password.',
      { button: 'Set a new password', href: p.resetLink },
    ],
  }),
  'new-device': (p) => ({
    subject: 'New sign-in to your account',
    body: [
      `Someone signed in from a new device: ${p.device}, IP address ${p.ip}, at ${p.when}.`,
      'If this was not you, end that session and change your password.',
      { button: 'Review sessions', href: p.securityLink },
    ],
  }),
  'email-change-taken': (p, t) => ({
    subject: `Someone wanted to use this e-mail address at ${t}`,
    body: [
      `Someone asked to change the e-mail address of another account at ${t} to this address. This address already belongs to an account, so nothing was changed.`,
      'Was this you? An e-mail address belongs to one account: sign in with this address, or choose another address for the other account. If it was not you, you need not do anything.',
      { button: 'Sign in', href: p.signInLink },
    ],
  }),
  'email-change-confirm': (p) => ({
    subject: 'Confirm your new e-mail address',
    body: [
      `Confirm that ${p.newEmail} becomes your new e-mail address. The link works once, for 24 hours.`,
      { button: 'Confirm new address', href: p.link },
    ],
  }),
  'email-changed': (p) => ({
    subject: 'Your e-mail address was changed',
    body: [
      `Your account now uses ${p.newEmail}. If this was not you, undo the change; all your sessions will end. The link works for 7 days.`,
      { button: 'Undo the change', href: p.undoLink },
    ],
  }),
  'invitation-exists': (p, t) => ({
    subject: `You were invited to ${t}, but you already have an account there`,
    body: [
      `${p.invitedBy} invited this e-mail address as ${asWords('en', p.as)}. This address already belongs to an account at ${t}, and an address belongs to one account, so nothing was changed.`,
      `Want to join? Ask ${p.invitedBy} to invite another address of yours. Your own account stays as it is.`,
      { button: 'Sign in', href: p.signInLink },
    ],
  }),
  invitation: (p, t) => ({
    subject: `Invitation to ${t}`,
    body: [
      `${p.invitedBy} invites you as ${asWords('en', p.as)}. Choose a password to activate your account. The link works once, for 7 days.`,
      { button: 'Accept the invitation', href: p.link },
    ],
  }),
  'newsletter-confirm': (p) => ({
    subject: `Confirm your subscription to ${p.list}`,
    body: [
      `You subscribed to ${p.list}. Confirm that you want to receive it; we send nothing before you do.`,
      { button: 'Confirm subscription', href: p.link },
      'If you did not subscribe, you need not do anything.',
    ],
  }),
  'newsletter-issue': (p, t) =>
    issue(
      p,
      'Manage my newsletters',
      'Unsubscribe',
      `You receive this e-mail because ${
        {
          portal: 'you subscribed',
          'mail-link': 'you subscribed',
          'admin-import': `${t} signed you up, with your consent,`,
        }[p.subscribedVia]
      } to “${p.list}” of ${t}${p.subscribedOn ? ` on ${p.subscribedOn}` : ''}${
        {
          portal: ' in Mijn account',
          'mail-link': ' through the “Manage my newsletters” link in an e-mail',
          'admin-import': '',
        }[p.subscribedVia]
      }, and confirmed it by e-mail.`,
    ),
  'access-requested': (p) => ({
    subject: 'The helpdesk asks for access to your account',
    body: [
      `${p.agent} of the helpdesk asks for temporary access to your account. Reason: “${p.justification}”.`,
      'You decide: approve (shorter or with fewer rights if you like) or deny. This mail approves nothing.',
      { button: 'Review the request', href: p.link },
    ],
  }),
  'internal-access': (p) => ({
    subject: 'Internal access to your account',
    body: [
      `For a technical reason (${WORDS.en.reasons[p.reason]}) a supervisor gave ${p.agent} of the helpdesk temporary access to your account. Explanation: “${p.justification}”.`,
      'You see in the portal exactly what happens, and afterwards what was done.',
      { button: 'View helpdesk access', href: p.link },
    ],
  }),
  'payment-reminder': (p, t) => ({
    subject: `${p.reminderNo > 1 ? 'Second reminder' : 'Reminder'}: invoice ${p.number} from ${t} is still open`,
    body: [
      `Invoice ${p.number} was due on ${p.dueDate}. ${p.amount} is still open.`,
      'Already paid? Then our messages crossed and there is nothing to do. Please quote the invoice number with your payment.',
      { button: 'See my invoices', href: p.link },
    ],
  }),
  'privacy-question': (p) => ({
    subject: p.kind === 'complaint' ? `Privacy complaint from ${p.name}` : `Privacy question from ${p.name}`,
    body: [
      `${p.name} (${p.email}) sent ${p.kind === 'complaint' ? 'a complaint' : 'a question'} from the privacy page:`,
      `“${p.message}”`,
      `The request is in the register; answer it by ${p.deadline} (one month, GDPR Art. 12(3)).`,
      { button: 'View privacy requests', href: p.link },
    ],
  }),
  'privacy-request-extended': (p) => ({
    subject: 'We need more time for your privacy request',
    body: [
      `We will answer your request (${PRIVACY_WORDS.en[p.type]}) of ${p.receivedOn} by ${p.until}, later than the usual term of one month.`,
      `The reason: “${p.reason}”.`,
      'The GDPR allows an extension of at most two months when a request is complex or there are many requests. You can always see where your requests stand in the portal.',
      { button: 'My privacy requests', href: p.link },
    ],
  }),
  'privacy-deadlines': (p, t) => ({
    subject: `${p.count} privacy request${p.count === 1 ? '' : 's'} at ${t} due soon or overdue`,
    body: [
      `${p.count} open privacy request${p.count === 1 ? ' is' : 's are'} due within 7 days${p.overdue > 0 ? `; ${p.overdue} ${p.overdue === 1 ? 'is' : 'are'} already overdue` : ''}.`,
      ...p.lines,
      { button: 'See privacy requests', href: p.link },
    ],
  }),
  'erasure-requested': (p, t) => ({
    subject: `You asked ${t} to erase your data`,
    body: [
      `We will erase your account and your personal data on ${p.eraseOn}. Until then you can cancel; after that you cannot.`,
      'Invoices and credit notes with their address are kept for 7 years, as tax law requires. Your consents and the access log are kept as proof, without your name in the log.',
      { button: 'View or cancel the request', href: p.link },
      'Did you not ask for this? Cancel it and change your password.',
    ],
  }),
  'erasure-reminder': (p, t) => ({
    subject: `${t} erases your data on ${p.eraseOn}`,
    body: [
      `As you asked, we will erase your account and your personal data on ${p.eraseOn}. Changed your mind? Cancel before that day.`,
      { button: 'View or cancel the request', href: p.link },
    ],
  }),
  'erasure-done': (p, t) => ({
    subject: `Your data at ${t} has been erased`,
    body: [
      'Erased: your name, e-mail address, password and second factor, your sessions and devices, your Google or Microsoft sign-ins, your newsletter subscriptions, your open links and invitations, your sign-in history, your change history and the e-mails we sent you.' +
        (p.accountErased
          ? ' You were the last person of your account, so the account’s name, address and contact details are erased too.'
          : ''),
      `Kept, restricted: invoices and credit notes with the customer details on them (address and billing e-mail) until ${p.keptUntil}, because tax law requires keeping them for 7 years; then we delete them. Until then also that and when we sent those invoices and payment reminders, without the e-mail address and without the e-mails’ text, as proof that goes with those invoices. Your consents and withdrawals, as proof that we followed your choices. Your account’s access log: in the entries about you, your name, IP address and user id are erased; all that is left is a fingerprint made with a random key per entry, and those keys are now erased, so nobody can link the entry to you any more while the log can still be verified.${p.namedEntries > 0 ? ` ${p.namedEntries === 1 ? 'One entry predates' : `${p.namedEntries} entries predate`} this way of recording; ${p.namedEntries === 1 ? 'it keeps' : 'they keep'} your name, because otherwise the log could no longer be verified.` : ''} Your privacy requests, without what you wrote in them, as proof that we handled them.`,
      'This is the last e-mail you get from us.',
    ],
  }),
  'privacy-export-ready': (p, t) => ({
    subject: `Your data from ${t} is ready`,
    body: [
      'The export of all your data that you asked for is ready: a ZIP file with a readable overview, the same data machine-readable, your invoices and the access log of your account.',
      `The link works until ${p.expiresOn}, and only while you are signed in with your own account. After that we delete the export.`,
      { button: 'Download the export', href: p.link },
    ],
  }),
};

const BOOKS: Record<Language, CopyBook> = { nl, en };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Renders a template in the language and branding of the tenant: plain text and HTML with the same content. */
export function renderMail<K extends MailTemplateName>(
  name: K,
  params: MailTemplates[K],
  language: Language,
  brand: Branding,
): RenderedMail {
  const copy = (BOOKS[language][name] as (p: MailTemplates[K], t: string) => Copy)(params, brand.tenantName);
  const text = [
    ...copy.body.map((part) => (typeof part === 'string' ? part : `${part.button}: ${part.href}`)),
    '',
    `— ${brand.tenantName}`,
  ].join('\n\n');
  const color = /^#[0-9a-fA-F]{6}$/.test(brand.brandColor) ? brand.brandColor : '#333333';
  const paragraphs = copy.body
    .map((part) =>
      typeof part === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(part)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(part.href)}" style="display:inline-block;padding:10px 16px;background:${color};color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(part.button)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(copy.subject)}</title></head>
<body style="margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;color:#1f1f1f;background:#f5f5f5">
<div style="max-width:560px;margin:0 auto;background:#ffffff">
<div style="background:${color};color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold">${escapeHtml(brand.tenantName)}</div>
<div style="padding:24px">
${paragraphs}
</div></div></body></html>`;
  return { subject: copy.subject, text, html };
}
