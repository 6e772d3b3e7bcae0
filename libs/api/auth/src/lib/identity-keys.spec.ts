import { emailOf } from './identity-keys';

describe('emailOf', () => {
  it('counts an address as verified only where the provider says so', () => {
    expect(emailOf({ email: 'A@Gmail.com', email_verified: true })).toEqual({ email: 'a@gmail.com', verified: true });
    expect(emailOf({ email: 'a@contoso.example', xms_edov: true })).toEqual({
      email: 'a@contoso.example',
      verified: true,
    });
    expect(emailOf({ email: 'a@contoso.example' })).toEqual({ email: 'a@contoso.example', verified: false });
    expect(emailOf({ email: 'a@contoso.example', email_verified: 'true', xms_edov: 1 })).toEqual({
      email: 'a@contoso.example',
      verified: false,
    });
    expect(emailOf({ email: 'a@gmail.com', email_verified: false })).toEqual({ email: 'a@gmail.com', verified: false });
  });

  it('takes preferred_username as the address, never as verified', () => {
    expect(emailOf({ preferred_username: 'B@contoso.example', xms_edov: true, email_verified: true })).toEqual({
      email: 'b@contoso.example',
      verified: false,
    });
    expect(emailOf({})).toEqual({ email: '', verified: false });
  });
});
