import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import type { ProblemDetails } from '@mijn-account/shared-contracts';
import { controlMessage, fieldError } from './problem';

describe('fieldError', () => {
  const problem: ProblemDetails = {
    type: 'https://mijn-account.dev/problems/validation',
    title: 'The request has invalid fields',
    status: 422,
    errors: [
      {
        field: 'displayName',
        code: 'noControlCharacters',
        message: 'Remove the control characters (such as NUL) from this text',
      },
      { field: 'email', code: 'isEmail', message: 'Enter a valid e-mail address' },
    ],
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: {
            nl: {
              fieldErrors: {
                noControlCharacters: 'Haal de onzichtbare stuurtekens (zoals NUL) uit deze tekst.',
                min: 'Minstens {{min}}.',
              },
            },
          },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
          preloadLangs: true,
        }),
      ],
    });
    TestBed.inject(TranslocoService);
  });

  it('shows a translated code in the user’s language, and the server’s message for the others', () => {
    expect(fieldError(problem, 'displayName')).toBe('Haal de onzichtbare stuurtekens (zoals NUL) uit deze tekst.');
    expect(fieldError(problem, 'email')).toBe('Enter a valid e-mail address');
    expect(fieldError(problem, 'phone')).toBeNull();
  });

  it('fills the error’s parameters into the translation of its code', () => {
    const lockMinutes: ProblemDetails = {
      ...problem,
      errors: [
        { field: 'lockMinutes', code: 'min', message: 'lockMinutes must not be less than 1', params: { min: 1 } },
      ],
    };
    expect(fieldError(lockMinutes, 'lockMinutes')).toBe('Minstens 1.');
  });
});

describe('controlMessage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { nl: { fieldErrors: { required: 'Vul dit veld in.', minLength: 'Minstens {{min}} tekens.' } } },
          translocoConfig: { availableLangs: ['nl'], defaultLang: 'nl' },
          preloadLangs: true,
        }),
      ],
    });
    TestBed.inject(TranslocoService);
  });

  it('says why a field is red, in the user’s language: the server’s reason first, then required, then too short', () => {
    expect(controlMessage(null)).toBeNull();
    expect(controlMessage({ server: 'Bestaat al.', required: true })).toBe('Bestaat al.');
    expect(controlMessage({ required: true })).toBe('Vul dit veld in.');
    expect(controlMessage({ minlength: { requiredLength: 10, actualLength: 3 } })).toBe('Minstens 10 tekens.');
    expect(controlMessage({ pattern: true })).toBeNull();
  });
});
