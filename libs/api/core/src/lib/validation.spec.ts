import type { ValidationError } from '@nestjs/common';
import { ArrayMaxSize, IsEmail, Length, Matches, Max, MaxLength, Min, validate } from 'class-validator';
import { MultiLine, controlCharacterErrors, flattenValidationErrors } from './validation';

describe('flattenValidationErrors', () => {
  it('gives one entry per constraint with a dotted path', () => {
    const errors: ValidationError[] = [
      { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
      {
        property: 'address',
        children: [
          { property: 'postalCode', constraints: { matches: 'bad postal code', maxLength: 'too long' }, children: [] },
        ],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'email', code: 'isEmail', message: 'email must be an email' },
      { field: 'address.postalCode', code: 'matches', message: 'bad postal code' },
      { field: 'address.postalCode', code: 'maxLength', message: 'too long' },
    ]);
  });
});

describe('field error codes and params', () => {
  class Settings {
    @Min(1)
    @Max(1440)
    lockMinutes = 0;

    @Length(2, 40)
    name = 'x';

    @MaxLength(5)
    @IsEmail()
    email = 'too long, not an e-mail';

    @Matches(/^\d{6}$/, { message: 'Enter the 6-digit code', context: { code: 'sixDigitCode' } })
    code = 'abc';

    @ArrayMaxSize(2)
    roles = ['a', 'b', 'c'];
  }

  it('carries each constraint’s numbers as params, a named code where the DTO gives one, and no pattern', async () => {
    const errors = flattenValidationErrors(
      await validate(new Settings(), { validationError: { target: true, value: false } }),
    );
    expect(errors.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'lockMinutes', code: 'min', params: { min: 1 } },
      { field: 'name', code: 'isLength', params: { min: 2, max: 40 } },
      { field: 'email', code: 'isEmail', params: undefined },
      { field: 'email', code: 'maxLength', params: { max: 5 } },
      { field: 'code', code: 'sixDigitCode', params: undefined },
      { field: 'roles', code: 'arrayMaxSize', params: { max: 2 } },
    ]);
    expect(errors.find((e) => e.field === 'code')?.message).toBe('Enter the 6-digit code');
  });

  it('gives no params without a target to look them up in (errors made by hand)', () => {
    expect(flattenValidationErrors([{ property: 'age', constraints: { min: 'too young' }, children: [] }])).toEqual([
      { field: 'age', code: 'min', message: 'too young' },
    ]);
  });
});

describe('the control-character rule', () => {
  class Note {
    title = '';
    @MultiLine()
    body = '';
  }
  const note = (title: string, body: string) => Object.assign(new Note(), { title, body });
  const fields = (value: unknown, property = '') =>
    flattenValidationErrors(controlCharacterErrors(value, property)).map((e) => `${e.field}:${e.code}`);

  it('refuses NUL, other C0/C1 controls, DEL and unpaired surrogates in any string, nested or in arrays', () => {
    expect(
      fields({
        a: 'x\u0000y',
        b: 'fine',
        c: { d: ['ok', 'bell\u0007'] },
        e: 'del\u007f',
        f: 'c1\u0085',
        g: 'half \ud800',
      }),
    ).toEqual([
      'a:noControlCharacters',
      'c.d.1:noControlCharacters',
      'e:noControlCharacters',
      'f:noControlCharacters',
      'g:noControlCharacters',
    ]);
    expect(fields('x\u0000', 'provider')).toEqual(['provider:noControlCharacters']);
    expect(fields({ 'bad\u0000key': 1 })).toEqual(['bad\u0000key:noControlCharacters']);
  });

  it('accepts line breaks and tabs only where a field is marked multi-line', () => {
    expect(fields(note('one line', 'first\r\nsecond\tthird'))).toEqual([]);
    expect(fields(note('two\nlines', 'nul\u0000'))).toEqual(['title:noControlCharacters', 'body:noControlCharacters']);
  });

  it('accepts ordinary text in every script, emoji included', () => {
    expect(fields({ a: 'Zoë Çelik — 北京 👩‍💻', b: null, c: 12, d: true })).toEqual([]);
  });
});
