import { renderMail } from './templates';

const brand = { tenantName: 'Bakkerij <De Vries>', brandColor: '#0b5394' };

describe('renderMail', () => {
  it('renders the same content as text and HTML in the tenant colour', () => {
    const mail = renderMail('password-reset', { link: 'https://cm.example/password-reset?token=abc&x=1' }, 'en', brand);
    expect(mail.subject).toBe('Set a new password');
    expect(mail.text).toContain('Set a new password: https://cm.example/password-reset?token=abc&x=1');
    expect(mail.text).toContain('— Bakkerij <De Vries>');
    expect(mail.html).toContain('href="https://cm.example/password-reset?token=abc&amp;x=1"');
    expect(mail.html).toContain('background:#0b5394');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes every value that reaches the HTML', () => {
    const mail = renderMail(
      'invitation',
      { link: 'https://x.example/i"><script>', invitedBy: '<b>Eve</b>', as: 'member' },
      'nl',
      brand,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Eve</b>');
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.html).toContain('Bakkerij &lt;De Vries&gt;');
    expect(mail.subject).toBe('Uitnodiging voor Bakkerij <De Vries>');
  });

  it('falls back to a neutral colour when the stored one is not a colour', () => {
    const mail = renderMail('password-changed', { securityLink: 'https://x.example/security' }, 'nl', {
      tenantName: 'X',
      brandColor: 'red;}',
    });
    expect(mail.html).toContain('background:#333333');
    expect(mail.html).not.toContain('red;}');
  });
});
