import type { DataSource } from 'typeorm';
import { withTenant } from '@mijn-account/api-database';

/** What differs between the demo tenants' statements; the rest is what this portal does for both. */
interface StatementFacts {
  name: string;
  contact: string;
  authority: { nl: string; en: string; url: string };
  retentionYears: number;
  retentionLaw: { nl: string; en: string };
  /** ContactMonkey's statement asks for a parent's permission under 18. */
  minimumAge: number | null;
}

const FACTS: Record<string, StatementFacts> = {
  callmonkey: {
    name: 'CallMonkey',
    contact: 'privacy@callmonkey.example',
    authority: {
      nl: 'de Autoriteit Persoonsgegevens',
      en: 'the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)',
      url: 'https://autoriteitpersoonsgegevens.nl',
    },
    retentionYears: 7,
    retentionLaw: { nl: 'de fiscale bewaarplicht', en: 'Dutch tax law' },
    minimumAge: null,
  },
  contactmonkey: {
    name: 'ContactMonkey',
    contact: 'privacy@contactmonkey.example',
    authority: {
      nl: 'de Office of the Privacy Commissioner of Canada',
      en: 'the Office of the Privacy Commissioner of Canada',
      url: 'https://www.priv.gc.ca',
    },
    retentionYears: 7,
    retentionLaw: { nl: 'de Canadese belastingwetgeving', en: 'Canadian tax law' },
    minimumAge: 18,
  },
};

function dutch(f: StatementFacts): string {
  return `# Wie wij zijn

${f.name} levert een abonnementsdienst. In dit portaal, **Mijn account**, beheer je je gegevens bij ons. Deze verklaring zegt welke gegevens het portaal verwerkt, waarom, hoe lang, en wat je rechten zijn. Vragen? Mail [${f.contact}](mailto:${f.contact}).

# Welke gegevens en waarom

- **Je profiel**: naam, e-mailadres, telefoonnummer (als je het geeft), taal en tijdzone. Nodig om je account te laten werken (uitvoering van de overeenkomst). Je ziet en wijzigt ze zelf onder Mijn account; elke wijziging staat in een wijzigingsgeschiedenis.
- **Je klantaccount**: bedrijfsnaam, factuuradres en btw- of belastingnummer. Nodig voor de abonnementsadministratie; je factuuradres staat op je facturen.
- **Inloggen en beveiliging**: je wachtwoord (alleen als onherleidbare hash), je tweestapsverificatie, je koppeling met Google of Microsoft als je die gebruikt, je sessies en inloggeschiedenis met IP-adres en browser. Nodig om je account te beveiligen (gerechtvaardigd belang); we mailen je als iemand op een nieuw apparaat inlogt.
- **Facturen**: je abonnement, facturen en creditnota's (pdf en e-factuur), met het adres waaraan ze zijn gericht. Wettelijke plicht.
- **Nieuwsbrieven**: alleen als je je aanmeldt en dat per e-mail bevestigt (toestemming). We bewaren wanneer, hoe en met welke woorden je toestemming gaf. Afmelden kan altijd met één klik.
- **Gebruiksstatistieken**: alleen tellingen per dag en onderdeel, zonder enig verband met jou of je apparaat.

# Wie je gegevens ziet

Alleen wie het nodig heeft. Een helpdeskmedewerker komt alleen in je account als jij dat goedkeurt (of, voor beveiliging of beschikbaarheid, een supervisor), voor een beperkte tijd. Elke toegang wordt vastgelegd in een logboek dat niet ongemerkt te wijzigen is; je leest en downloadt het zelf onder Helpdesktoegang.

We verkopen je gegevens niet en geven ze niet aan anderen zonder je uitdrukkelijke toestemming. Alleen als de wet ons verplicht, verstrekken we gegevens; dat leggen we vast en je ziet het op je privacypagina. Onze e-mail gaat via een mailprovider die alleen in onze opdracht werkt (verwerker).

# Hoe lang

Je profiel en account zolang je klant bent. Facturen en creditnota's ${f.retentionYears} jaar, vanwege ${f.retentionLaw.nl}. Het bewijs van toestemming en het toegangslogboek bewaren we als bewijs, ook na het wissen van je account; daarin staat dan niets meer dat direct naar jou leidt.

# Cookies

Het portaal plaatst de cookies die nodig zijn om te werken: om je ingelogd te houden, je wijzigingen te beschermen en nieuwe apparaten te herkennen. Eén cookie is optioneel — hij onthoudt hoe je de vorige keer inlogde — en komt er alleen als wij hem aanbieden en jij hem toestaat. Geen advertentie- of volgcookies. De volledige lijst staat op [de cookiepagina](/cookies).
${
  f.minimumAge
    ? `
# Jonger dan ${f.minimumAge}

Ben je jonger dan ${f.minimumAge}, vraag dan eerst toestemming aan je ouders of voogd voordat je een account aanmaakt.
`
    : ''
}
# Je rechten

Je hebt recht op inzage, correctie, wissen, beperking, overdracht van je gegevens en bezwaar. Op je **privacypagina** in het portaal doe je dat zelf: je downloadt al je gegevens, vraagt wissen aan (met bedenktijd), of beperkt of maakt bezwaar tegen verwerking. We antwoorden binnen een maand. We nemen geen besluiten over je met alleen geautomatiseerde middelen.

Ben je het niet met ons eens, dan kun je een klacht indienen bij ${f.authority.nl}: [${f.authority.url}](${f.authority.url}).

# Wijzigingen

Verandert deze verklaring, dan publiceren we een nieuwe versie, mailen we je en tonen we een melding in het portaal tot je hem hebt gelezen. Alle eerdere versies blijven op deze pagina staan.
`;
}

function english(f: StatementFacts): string {
  return `# Who we are

${f.name} provides a subscription service. In this portal, **Mijn account**, you manage the data we hold about you. This statement says what data the portal processes, why, for how long, and what your rights are. Questions? Write to [${f.contact}](mailto:${f.contact}).

# What data, and why

- **Your profile**: name, e-mail address, phone number (if you give it), language and time zone. Needed to run your account (performance of the contract). You view and change them yourself under My account; every change is kept in a change history.
- **Your customer account**: company name, billing address and VAT or tax number. Needed for the subscription administration; your billing address is printed on your invoices.
- **Sign-in and security**: your password (only as an irreversible hash), your two-factor authentication, your link with Google or Microsoft if you use one, your sessions and sign-in history with IP address and browser. Needed to keep your account secure (legitimate interest); we e-mail you when someone signs in on a new device.
- **Invoices**: your subscription, invoices and credit notes (PDF and e-invoice), with the address they were issued to. A legal obligation.
- **Newsletters**: only when you subscribe and confirm by e-mail (consent). We keep when, how and with which words you consented. You can always unsubscribe with one click.
- **Usage statistics**: only counts per day and feature, with no link to you or your device.

# Who sees your data

Only those who need to. A helpdesk agent enters your account only when you approve it (or, for security or availability, a supervisor does), for a limited time. Every access is recorded in a log that cannot be changed unnoticed; you read and download it yourself under Helpdesk access.

We do not sell your data and do not give it to others without your explicit consent. We disclose data only where the law requires it; we record that, and you see it on your privacy page. Our e-mail goes through a mail provider that works only on our instructions (a processor).

# How long

Your profile and account for as long as you are a customer. Invoices and credit notes for ${f.retentionYears} years, because ${f.retentionLaw.en} requires it. The proof of consent and the access log are kept as evidence, also after your account is erased; nothing in them then leads directly to you.

# Cookies

The portal sets the cookies it needs to work: to keep you signed in, to protect your changes and to recognise new devices. One cookie is optional — it remembers how you signed in last time — and is set only if we offer it and you accept it. No advertising or tracking cookies. The full list is on [the cookie page](/cookies).
${
  f.minimumAge
    ? `
# Under ${f.minimumAge}

If you are under ${f.minimumAge}, ask your parent or guardian for permission before you create an account.
`
    : ''
}
# Your rights

You have the right to access, rectify, erase, restrict and port your data, and to object. You do this yourself on your **privacy page** in the portal: download all your data, ask for erasure (with time to change your mind), or restrict or object to processing. We answer within one month. We make no decisions about you by automated means alone.

If you disagree with us, you can complain to ${f.authority.en}: [${f.authority.url}](${f.authority.url}).

# Changes

When this statement changes, we publish a new version, e-mail you and show a notice in the portal until you have read it. Every earlier version stays on this page.
`;
}

/**
 * The demo tenants' privacy statement, version 1, in force since the start of the year: what this
 * portal really does with personal data, in nl and en. Seeded before any user exists, so newsletter
 * opt-ins record it, and the demo users (who joined after it) see no banner until a new version.
 */
export async function seedDemoStatement(owner: DataSource, tenantId: string, slug: string): Promise<void> {
  const facts = FACTS[slug];
  if (!facts) return;
  await withTenant(owner, tenantId, (db) =>
    db.query(
      `INSERT INTO privacy_statement (tenant_id, version, effective_on, summary_nl, summary_en, body_nl, body_en,
                                      published_at, announced_to)
       VALUES ($1, 1, '2026-01-01', $2, $3, $4, $5, '2026-01-01T09:00:00Z', 0)`,
      [
        tenantId,
        'Eerste versie van de privacyverklaring van het portaal.',
        'First version of the portal’s privacy statement.',
        dutch(facts),
        english(facts),
      ],
    ),
  );
}
