import type { EntityManager } from 'typeorm';
import type { ProcessingActivityInput } from '@mijn-account/shared-contracts';
import { PrivacySettings } from '../settings/privacy-settings.entity';
import { ProcessingActivity } from './processing-activity.entity';

type Row = Omit<ProcessingActivityInput, 'position' | 'automatedDecisionNl' | 'automatedDecisionEn'>;

/**
 * What this portal really processes, for the demo tenants' record of processing activities: one row
 * per data category it stores (profile, billing details, invoices, sign-in security, the helpdesk
 * access log, newsletters, usage statistics, privacy requests). None has automated decisions.
 */
function portalRecord(country: 'NL' | 'CA'): Row[] {
  const fiscalNl =
    country === 'NL'
      ? '7 jaar (fiscale bewaarplicht, art. 52 AWR)'
      : '7 jaar na het jaar van uitgifte (de Canadese belastingwet vraagt 6 jaar; we houden één termijn aan)';
  const fiscalEn =
    country === 'NL'
      ? '7 years (Dutch fiscal retention, AWR art. 52)'
      : '7 years after the year of issue (Canadian tax law asks 6; we keep one period for all)';
  const hostNl = 'onze hostingprovider, onze e-mailprovider voor het versturen van mail';
  const hostEn = 'our hosting provider, our e-mail provider for sending mail';
  return [
    {
      categoryNl: 'Identiteit en contactgegevens',
      categoryEn: 'Identity and contact details',
      purposeNl:
        'Je account: inloggen, je herkennen, contact met je houden (naam, e-mailadres, telefoon, taal, tijdzone).',
      purposeEn:
        'Your account: signing in, knowing who you are, staying in touch (name, e-mail, phone, language, time zone).',
      legalBasis: 'contract',
      retentionNl: 'Zolang je account bestaat; daarna gewist (binnen de wachttijd van een verwijderverzoek).',
      retentionEn: 'As long as your account exists; then erased (after the grace period of an erasure request).',
      recipientsNl: hostNl,
      recipientsEn: hostEn,
    },
    {
      categoryNl: 'Factuuradres en bedrijfsgegevens',
      categoryEn: 'Billing address and company details',
      purposeNl: 'De abonnementenadministratie: je factuuradres, KvK- en btw-nummer staan op je facturen.',
      purposeEn:
        'The subscription administration: your billing address and company and tax ids are printed on your invoices.',
      legalBasis: 'contract',
      retentionNl: `Zolang je account bestaat; de kopie op elke factuur ${fiscalNl}.`,
      retentionEn: `As long as your account exists; the copy on each invoice ${fiscalEn}.`,
      recipientsNl: `${hostNl}; de belastingdienst als die erom vraagt`,
      recipientsEn: `${hostEn}; the tax authority when it asks`,
    },
    {
      categoryNl: 'Facturen en creditnota’s',
      categoryEn: 'Invoices and credit notes',
      purposeNl: 'Facturering van je abonnement en de wettelijke boekhouding.',
      purposeEn: 'Billing your subscription and the bookkeeping the law requires.',
      legalBasis: 'legal-obligation',
      retentionNl: fiscalNl,
      retentionEn: fiscalEn,
      recipientsNl: `${hostNl}; de belastingdienst als die erom vraagt`,
      recipientsEn: `${hostEn}; the tax authority when it asks`,
    },
    {
      categoryNl: 'Inlogbeveiliging',
      categoryEn: 'Sign-in security',
      purposeNl:
        'Je account beveiligen: sessies, inlogpogingen met IP-adres en browser, bekende apparaten, tweestapsverificatie, gekoppelde Google- of Microsoft-aanmeldingen.',
      purposeEn:
        'Keeping your account safe: sessions, sign-in attempts with IP address and browser, known devices, two-factor authentication, linked Google or Microsoft sign-ins.',
      legalBasis: 'legitimate-interests',
      retentionNl: 'Inloggeschiedenis 90 dagen; sessies tot ze verlopen of je uitlogt.',
      retentionEn: 'Sign-in history 90 days; sessions until they expire or you sign out.',
      recipientsNl: hostNl,
      recipientsEn: hostEn,
    },
    {
      categoryNl: 'Toegangslog van de helpdesk',
      categoryEn: 'Helpdesk access log',
      purposeNl:
        'Verantwoording: elke toegang van medewerkers tot je gegevens, met reden en toestemming, onveranderbaar vastgelegd zodat je het kunt nalezen.',
      purposeEn:
        'Accountability: every staff access to your data, with its reason and authorisation, recorded tamper-evidently so you can read it.',
      legalBasis: 'legitimate-interests',
      retentionNl: 'Zolang je account bestaat; na verwijdering blijft het log bewaard zonder je naam.',
      retentionEn: 'As long as your account exists; after erasure the log is kept without your name.',
      recipientsNl: hostNl,
      recipientsEn: hostEn,
    },
    {
      categoryNl: 'Nieuwsbrieven',
      categoryEn: 'Newsletters',
      purposeNl: 'Je nieuwsbrieven sturen waarvoor je je aanmeldde, met het bewijs van je toestemming.',
      purposeEn: 'Sending you the newsletters you signed up for, with proof of your consent.',
      legalBasis: 'consent',
      retentionNl: 'Tot je je afmeldt; het bewijs van toestemming zolang we het moeten kunnen tonen.',
      retentionEn: 'Until you unsubscribe; the proof of consent as long as we must be able to show it.',
      recipientsNl: hostNl,
      recipientsEn: hostEn,
    },
    {
      categoryNl: 'Gebruiksstatistieken',
      categoryEn: 'Usage statistics',
      purposeNl:
        'Het product verbeteren. Alleen tellingen per dag en onderdeel, zonder enige relatie met jou als gebruiker.',
      purposeEn: 'Improving the product. Only counts per day and feature, with no relation to you as a user.',
      legalBasis: 'legitimate-interests',
      retentionNl: 'Tellingen 2 jaar; er worden geen persoonsgegevens bewaard.',
      retentionEn: 'Counts 2 years; no personal data is kept.',
      recipientsNl: hostNl,
      recipientsEn: hostEn,
    },
    {
      categoryNl: 'Privacyverzoeken',
      categoryEn: 'Privacy requests',
      purposeNl:
        'Je verzoeken, vragen en klachten over privacy binnen de wettelijke termijn afhandelen en dat kunnen aantonen.',
      purposeEn:
        'Handling your privacy requests, questions and complaints within the legal deadline, and being able to show it.',
      legalBasis: 'legal-obligation',
      retentionNl:
        '5 jaar na afhandeling (de verjaringstermijn van een claim over de afhandeling); daarna blijft alleen het soort verzoek met de data, zonder jou.',
      retentionEn:
        '5 years after they are closed (the limitation period of a claim about their handling); then only the kind of request and its dates remain, without you.',
      recipientsNl: hostNl,
      recipientsEn: hostEn,
    },
  ];
}

/** The demo tenants' privacy contact, supervisory authority and sign-up age, by country. */
const SETTINGS = {
  NL: {
    contactPhone: '+31101234567',
    authorityName: 'Autoriteit Persoonsgegevens',
    authorityUrl: 'https://autoriteitpersoonsgegevens.nl',
    minimumAge: null,
    parentalConsentAllowed: false,
  },
  CA: {
    contactPhone: '+14165550100',
    authorityName: 'Office of the Privacy Commissioner of Canada',
    authorityUrl: 'https://www.priv.gc.ca',
    minimumAge: 18,
    parentalConsentAllowed: true,
  },
} as const;

/** Seeds a demo tenant's record of processing activities and privacy settings (in a tenant transaction). */
export async function seedDemoPrivacy(
  db: EntityManager,
  tenantId: string,
  country: 'NL' | 'CA',
  contactEmail: string,
): Promise<void> {
  await db.save(
    ProcessingActivity,
    portalRecord(country).map((row, i) => ({
      tenantId,
      ...row,
      position: (i + 1) * 10,
      automatedDecisionNl: null,
      automatedDecisionEn: null,
    })),
  );
  await db.upsert(PrivacySettings, { tenantId, contactEmail, ...SETTINGS[country] }, ['tenantId']);
}
