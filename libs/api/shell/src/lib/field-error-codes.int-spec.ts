import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { CONTROL_CHARACTER_CODE, UUID_CODE, constraintParams } from '@mijn-account/api-core';
import { type PortalClient, type TestApp, startTestApp } from '@mijn-account/api-testing';
import type { FieldError, ProblemDetails } from '@mijn-account/shared-contracts';
// The tenants library's DTO (used by the command line, not by a controller) is loaded as well.
import '@mijn-account/api-tenants';

/**
 * Every field error the API can send has a stable code, and the web shows it in the user's language
 * from `fieldErrors.<code>` in both translation files, filling in the error's `params`. This suite
 * finds every code: each constraint of every DTO loaded by the running app (class-validator's
 * metadata, so a new decorator or custom validator is found without a list), the validation pipe's
 * own codes, and the codes services write by hand (`code: 'x', message:` in libs/api). A code without
 * a translation in nl or en, or a translation that needs a parameter the error does not carry,
 * fails here.
 */
const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const translations = Object.fromEntries(
  (['nl', 'en'] as const).map((language) => {
    const file = JSON.parse(readFileSync(join(ROOT, 'apps/web/public/i18n', `${language}.json`), 'utf8')) as {
      fieldErrors?: Record<string, string>;
    };
    return [language, file.fieldErrors ?? {}];
  }),
) as Record<'nl' | 'en', Record<string, string>>;

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
const render = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name]));

/** Constraint metadata types that never produce an error of their own (`@IsOptional`, `@ValidateIf`). */
const SILENT_TYPES = new Set(['conditionalValidation']);

function loadedConstraints(): { code: string; where: string; params: string[] }[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> };
  return [...storage.validationMetadatas.values()].flat().flatMap((m) => {
    if (SILENT_TYPES.has(m.type)) return [];
    // A class-based `@Validate(Constraint)` is named by its constraint class's registration.
    const constraint =
      m.type === 'customValidation'
        ? (m.name ?? getMetadataStorage().getTargetValidatorConstraints(m.constraintCls)[0]?.name)
        : m.type;
    if (!constraint) return [];
    const named = (m.context as { code?: unknown } | undefined)?.code;
    const target = m.target as { name: string; prototype: object };
    const params = constraintParams(Object.create(target.prototype), m.propertyName, constraint) ?? {};
    return [
      {
        code: typeof named === 'string' ? named : constraint,
        where: `${target.name}.${m.propertyName}`,
        params: Object.keys(params),
      },
    ];
  });
}

/** Codes written by hand in API source: `{ field: 'x', code: 'y', message: … }` and the like. */
function handWrittenCodes(dir = join(ROOT, 'libs/api')): { code: string; where: string; params: string[] }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : handWrittenCodes(path);
    if (!entry.name.endsWith('.ts') || /\.(int-)?spec\.ts$|\.testing\.ts$/.test(entry.name)) return [];
    const source = readFileSync(path, 'utf8');
    // The rest of the object, over as many lines as Prettier gives it, names the params the error
    // carries (`params: { max: … }`); one level of braces inside (`${…}`, the params) is read past.
    return [...source.matchAll(/code: '([A-Za-z]+)',\s*message:((?:[^{}]|\{[^{}]*\})*)\}/g)].map((m) => ({
      code: m[1],
      where: path.slice(ROOT.length + 1),
      params: [...(m[2].match(/params: \{([^}]*)\}/)?.[1].matchAll(/(\w+):/g) ?? [])].map((p) => p[1]),
    }));
  });
}

describe('field error codes: a translation for each, in both languages', () => {
  let t: TestApp;
  let admin: PortalClient;
  let owner: PortalClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.client(t.alpha);
    await admin.signIn(t.alpha.staff['tenant-admin'].email);
    await admin.enrolTwoFactor();
    owner = t.client(t.alpha);
    await owner.signIn(t.alpha.accounts[0].owner.email);
  });
  afterAll(() => t.close());

  it('finds the constraints of the loaded DTOs, custom validators included', () => {
    const codes = new Set(loadedConstraints().map((c) => c.code));
    // A sample that must be among them: built-in constraints and the portal's own validator.
    for (const code of [
      'isEmail',
      'min',
      'max',
      'isLength',
      'maxLength',
      'matches',
      'isIn',
      'isInt',
      'arrayMinSize',
      UUID_CODE,
    ]) {
      expect(codes).toContain(code);
    }
    expect(handWrittenCodes().map((c) => c.code)).toEqual(
      expect.arrayContaining(['isPhoneNumber', 'invalidCode', 'lessThanLockAfter']),
    );
  });

  it('has a translation of every code in nl and en, with every parameter it names carried by the error', () => {
    const missing: string[] = [];
    const pipeCodes = [
      'whitelistValidation',
      'unknownValue',
      'nestedValidation',
      CONTROL_CHARACTER_CODE,
      UUID_CODE,
    ].map((code) => ({ code, where: 'validation pipe', params: [] as string[] }));
    const all = [...loadedConstraints(), ...pipeCodes, ...handWrittenCodes()];
    for (const { code, where, params } of all) {
      for (const language of ['nl', 'en'] as const) {
        const text = translations[language][code];
        if (!text) missing.push(`${language} fieldErrors.${code} (${where})`);
        else
          for (const name of placeholders(text))
            if (!params.includes(name)) missing.push(`${language} fieldErrors.${code} needs {{${name}}} (${where})`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  const errorsOf = (response: { statusCode: number; json(): unknown }): FieldError[] => {
    expect(response.statusCode).toBe(422);
    return (response.json() as ProblemDetails).errors ?? [];
  };

  it('sends code and params beside the English message, and the Dutch text says it with the numbers', async () => {
    const response = await admin.request('POST', '/api/admin/newsletters', {
      body: { nameNl: '', nameEn: 'x'.repeat(101), descriptionNl: 'x'.repeat(501), descriptionEn: '' },
    });
    const errors = errorsOf(response);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'nameNl', code: 'isLength', params: { min: 1, max: 100 } }),
        expect.objectContaining({ field: 'nameEn', code: 'isLength', params: { min: 1, max: 100 } }),
        expect.objectContaining({ field: 'descriptionNl', code: 'maxLength', params: { max: 500 } }),
      ]),
    );
    const nameEn = errors.find((e) => e.field === 'nameEn') as FieldError;
    expect(render(translations.nl[nameEn.code], nameEn.params)).toMatch(/1.*100/);
    expect(render(translations.nl[nameEn.code], nameEn.params)).not.toContain('undefined');
    for (const error of errors) expect(Object.keys(translations.nl)).toContain(error.code);
  });

  it('gives a hand-written error a translated code too (a phone number in Dutch, not the server’s English)', async () => {
    const profile = await owner.request('GET', '/api/me/profile');
    const response = await owner.request('PUT', '/api/me/profile', {
      headers: { 'if-match': String(profile.headers['etag']) },
      body: { displayName: 'Eva', phone: 'call me', preferredLanguage: null, timeZone: null },
    });
    const [phone] = errorsOf(response).filter((e) => e.field === 'phone');
    expect(translations.nl[phone.code]).toBeTruthy();
    expect(render(translations.nl[phone.code], phone.params)).not.toBe(phone.message);
  });
});
