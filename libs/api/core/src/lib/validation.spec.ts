import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation';

describe('flattenValidationErrors', () => {
  it('gives one entry per constraint with a dotted path', () => {
    const errors: ValidationError[] = [
      { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
      {
        property: 'address',
        children: [{ property: 'postalCode', constraints: { matches: 'bad postal code', maxLength: 'too long' }, children: [] }],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'email', code: 'isEmail', message: 'email must be an email' },
      { field: 'address.postalCode', code: 'matches', message: 'bad postal code' },
      { field: 'address.postalCode', code: 'maxLength', message: 'too long' },
    ]);
  });
});
