import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { UUID_PATTERN, isUuid } from '@mijn-account/shared-contracts';
import { problems } from './problem';

/** The problem code of a malformed id, in a body field or a route parameter. */
export const UUID_CODE = 'isUuid';

/** An id field of a request body: a UUID as `UUID_PATTERN` (shared contracts) has it. */
export function IsUuid(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: UUID_CODE,
      constraints: [UUID_PATTERN],
      validator: { validate: (value) => isUuid(value), defaultMessage: () => 'Not an id' },
    },
    options,
  );
}

/**
 * An id route parameter (`@Param('id', UuidPipe)`): a malformed one is refused before any query
 * with a 422 naming the parameter, as a malformed body field is.
 */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (isUuid(value)) return value;
    throw problems.validation([{ field: metadata.data ?? 'id', code: UUID_CODE, message: 'Not an id' }]);
  }
}

/**
 * The id of a page-like resource beside a list (`GET /things/:id` next to `GET /things`): a
 * malformed one is an unknown address, so 404 as for any path that names nothing.
 */
@Injectable()
export class UuidOrNotFoundPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (isUuid(value)) return value;
    throw problems.notFound();
  }
}
