import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateBy, getMetadataStorage, type ValidatorOptions } from 'class-validator';
import type { FieldError, FieldErrorParams } from '@mijn-account/shared-contracts';
import { problems } from './problem';

/**
 * The parameters a field error's translation may show, per constraint (`min` → `{ min: 1 }`). Only
 * numbers a person can read are passed on; patterns, option objects and lists of enum values are not.
 */
const CONSTRAINT_PARAMS: Record<string, (constraints: unknown[]) => FieldErrorParams> = {
  min: ([min]) => ({ min: min as number }),
  max: ([max]) => ({ max: max as number }),
  isLength: ([min, max]): FieldErrorParams =>
    typeof max === 'number' ? { min: min as number, max } : { min: min as number },
  minLength: ([min]) => ({ min: min as number }),
  maxLength: ([max]) => ({ max: max as number }),
  arrayMinSize: ([min]) => ({ min: min as number }),
  arrayMaxSize: ([max]) => ({ max: max as number }),
};

/** The parameters of the DTO's own constraint `code` on `property`, found in class-validator's metadata. */
export function constraintParams(target: unknown, property: string, code: string): FieldErrorParams | undefined {
  const toParams = CONSTRAINT_PARAMS[code];
  if (!toParams || target === null || typeof target !== 'object') return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === code);
  return metadata ? toParams(metadata.constraints ?? []) : undefined;
}

/**
 * Flattens class-validator's tree into one entry per bad field (`address.postalCode`). Each carries the
 * constraint as its `code` (or the one a decorator names in `context: { code }`, where a generic
 * constraint such as `matches` means something particular) and its `params`, so a client can say it
 * in the user's language; `message` stays the English text for logs and API users.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]): FieldError => {
      const named = (error.contexts?.[constraint] as { code?: unknown } | undefined)?.code;
      const code = typeof named === 'string' ? named : constraint;
      const params = constraintParams(error.target, error.property, constraint);
      return params ? { field, code, message, params } : { field, code, message };
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const MULTI_LINE_METADATA = 'mijn-account:multi-line';

/**
 * Marks a text field that may hold several lines: it accepts line breaks and tabs, while every other
 * control character stays refused, as in every other string (see {@link controlCharacterErrors}).
 */
export function MultiLine(): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(MULTI_LINE_METADATA, true, target, property);
}

/** Control characters (C0, DEL, C1) and unpaired UTF-16 surrogates: never text a person typed. */
const NOT_TEXT = /[\p{Cc}\p{Cs}]/u;
/** The same, except line feed, carriage return and tab, for fields marked {@link MultiLine}. */
const NOT_MULTI_LINE_TEXT = /[^\P{Cc}\t\n\r]|\p{Cs}/u;
export const CONTROL_CHARACTER_CODE = 'noControlCharacters';
const CONTROL_CHARACTER_MESSAGE = 'Remove the control characters (such as NUL) from this text';

/**
 * One global rule for every string a request carries (body, query, route parameters), whatever the
 * DTO says: no control characters, because PostgreSQL cannot store NUL and nobody types the others.
 * Errors are in class-validator's shape, so they join the DTO's own ones in the same 422.
 */
export function controlCharacterErrors(value: unknown, property: string, multiLine = false): ValidationError[] {
  if (typeof value === 'string') {
    return (multiLine ? NOT_MULTI_LINE_TEXT : NOT_TEXT).test(value)
      ? [{ property, constraints: { [CONTROL_CHARACTER_CODE]: CONTROL_CHARACTER_MESSAGE }, children: [] }]
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const children = Object.entries(value).flatMap(([key, item]) => {
    const nested = Array.isArray(value) ? multiLine : Reflect.getMetadata(MULTI_LINE_METADATA, value, key) === true;
    const own = controlCharacterErrors(item, key, nested);
    // A field's name is text too: an unknown field is refused by name, and a NUL must not travel on in it.
    return own.length === 0 ? controlCharacterErrors(key, key) : own;
  });
  return children.length === 0 ? [] : property ? [{ property, children }] : children;
}

/**
 * Takes the refused characters out of a DTO instance about to be thrown away, so the DTO's own checks
 * still name their errors beside ours (and validator.js's, which throw on a lone surrogate, cannot).
 */
function withoutControlCharacters(value: object): void {
  const target = value as Record<string, unknown>;
  for (const [key, item] of Object.entries(target)) {
    const multiLine = !Array.isArray(value) && Reflect.getMetadata(MULTI_LINE_METADATA, value, key) === true;
    if (typeof item === 'string')
      target[key] = item.replace(new RegExp(multiLine ? NOT_MULTI_LINE_TEXT : NOT_TEXT, 'gu'), '');
    else if (item !== null && typeof item === 'object') withoutControlCharacters(item);
  }
}

/** class-validator's checks of the DTO plus the global control-character rule, for every argument a pipe sees. */
class PortalValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Arguments without a DTO class (`@Param('provider') provider: string`, `@Query('token')`) are
    // not validated by class-validator, so the rule is applied to their raw value here.
    if (metadata.type !== 'custom' && (!metadata.metatype || !this.toValidate(metadata))) {
      const errors = controlCharacterErrors(value, metadata.data ?? '');
      if (errors.length > 0) throw await this.exceptionFactory(errors);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const ours = controlCharacterErrors(object, '');
    if (ours.length > 0) withoutControlCharacters(object);
    return [...(await super.validate(object, validatorOptions)), ...ours];
  }
}

/**
 * Whitelisting, unknown fields refused (so `tenantId` or `role` in a body is an error), no control
 * characters in any string, problem details.
 */
export function createValidationPipe(): ValidationPipe {
  return new PortalValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    // The target is kept (never answered) to look up each constraint's parameters; the value is not.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => problems.validation(flattenValidationErrors(errors)),
  });
}

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
export function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/** A DTO field holding a calendar date that exists (field code `isDate`), so PostgreSQL never meets 2026-02-31. */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isRealDate(value),
      defaultMessage: () => 'A date such as 2026-11-01',
    },
  });
}
