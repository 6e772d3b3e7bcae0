import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@mijn-account/shared-contracts';
import { problems } from './problem';

/** Flattens class-validator's tree into one entry per bad field (`address.postalCode`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({ field, code, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelisting, unknown fields refused (so `tenantId` or `role` in a body is an error), problem details. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => problems.validation(flattenValidationErrors(errors)),
  });
}
