import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
// class-transformer keeps its @Type registry in this module (@nestjs/swagger reads it there too); its types ship apart.
// @ts-expect-error -- no declaration beside the CommonJS file
import { defaultMetadataStorage as typeRegistry } from 'class-transformer/cjs/storage';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

const defaultMetadataStorage = typeRegistry as MetadataStorage;

type DtoClass = new () => object;

/** The class-validator rules of each property of a DTO class (its own and inherited ones). */
function rulesOf(dto: DtoClass): Map<string, ValidationMetadata[]> {
  const rules = new Map<string, ValidationMetadata[]>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    rules.set(rule.propertyName, [...(rules.get(rule.propertyName) ?? []), rule]);
  }
  return rules;
}

const named = (rules: ValidationMetadata[], name: string) => rules.find((r) => r.name === name || r.type === name);
/** The class of a nested DTO property, as TypeScript recorded it (`address!: BillingAddressDto | null`). */
const nestedClassOf = (dto: DtoClass, property: string) => {
  const type = Reflect.getMetadata('design:type', dto.prototype, property) as unknown;
  if (type === Array) {
    // An array of nested DTOs (`@ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[]`):
    // TypeScript records only Array; class-transformer's @Type names the element class.
    const element = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as unknown;
    return typeof element === 'function' && element !== Object ? (element as DtoClass) : null;
  }
  return typeof type === 'function' && type !== Object ? (type as DtoClass) : null;
};

/** Strings that satisfy the usual `@Matches` patterns of this codebase (house numbers, codes, ids). */
const PATTERN_SAMPLES = ['12', '123456', 'ABCD1234', 'bis', 'google', 'x', '2026-01-01'];

/**
 * A value that passes a property's rules, read from its class-validator decorators: the starting
 * point the fuzzing below bends, so generated requests get past validation and reach the database.
 */
function validValue(dto: DtoClass, property: string, rules: ValidationMetadata[]): unknown {
  const isIn = named(rules, 'isIn');
  const single = (): unknown => {
    if (isIn) return (isIn.constraints[0] as unknown[])[0];
    if (named(rules, 'isBoolean')) return true;
    if (named(rules, 'isInt')) return Number(named(rules, 'min')?.constraints[0] ?? 1);
    if (named(rules, 'isEmail')) return `fuzz-${randomUUID().slice(0, 8)}@example.com`;
    if (named(rules, 'isUuid')) return randomUUID();
    if (named(rules, 'isDate')) return '2026-11-01';
    if (named(rules, 'isISO31661Alpha2')) return 'NL';
    if (named(rules, 'isUrl')) return 'https://accounts.google.com';
    const matches = named(rules, 'matches');
    if (matches) return PATTERN_SAMPLES.find((s) => (matches.constraints[0] as RegExp).test(s)) ?? 'x';
    const nested = named(rules, 'nestedValidation') ? nestedClassOf(dto, property) : null;
    if (nested) return validBody(nested);
    const min = Number(named(rules, 'isLength')?.constraints[0] ?? named(rules, 'minLength')?.constraints[0] ?? 1);
    return 'Fuzz'.padEnd(Math.max(min, 4), 'z').slice(0, Math.max(min, 4));
  };
  const each = rules.some((r) => r.each) || named(rules, 'arrayMinSize') || named(rules, 'arrayUnique');
  return each ? [single()] : single();
}

/** A body that passes every rule of the DTO class. */
export function validBody(dto: DtoClass): Record<string, unknown> {
  return Object.fromEntries([...rulesOf(dto)].map(([property, rules]) => [property, validValue(dto, property, rules)]));
}

/** Characters that have broken text handling somewhere: NUL, other C0/C1 controls, DEL, a lone surrogate, line breaks. */
const NASTY = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udfff',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\ufeff',
);

/** Text with a nasty character put somewhere into a string that would pass. */
const spiked = (valid: unknown) =>
  fc.tuple(NASTY, fc.nat()).map(([char, at]) => {
    const text = typeof valid === 'string' ? valid : 'Fuzz';
    const i = at % (text.length + 1);
    return text.slice(0, i) + char + text.slice(i);
  });

const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ unit: 'binary', maxLength: 8 }), { maxKeys: 2 }),
);

/**
 * Bodies for a DTO class: mostly the valid body with some fields bent (a nasty character spliced in,
 * any JSON value, left out), sometimes with an unknown field; nested DTOs are bent the same way.
 */
export function bodyArbitrary(dto: DtoClass | null): fc.Arbitrary<unknown> {
  if (!dto) return fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 3 }));
  const valid = validBody(dto);
  const fields = Object.fromEntries(
    [...rulesOf(dto)].map(([property, rules]) => {
      const nested = named(rules, 'nestedValidation') ? nestedClassOf(dto, property) : null;
      const bent: fc.Arbitrary<unknown>[] = [
        fc.constant(valid[property]),
        spiked(valid[property]),
        nested ? bodyArbitrary(nested) : anything,
        fc.constant(undefined),
      ];
      return [
        property,
        fc.oneof({ arbitrary: bent[0], weight: 4 }, { arbitrary: bent[1], weight: 3 }, bent[2], bent[3]),
      ];
    }),
  );
  return fc
    .tuple(
      fc.record(fields),
      fc.option(fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), anything), { freq: 8 }),
    )
    .map(([body, extra]) => {
      const clean = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      return extra ? { ...clean, [extra[0]]: extra[1] } : clean;
    });
}
