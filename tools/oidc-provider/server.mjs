// A real OpenID provider (panva's oidc-provider) standing in for Google and for Microsoft 365 in
// tests and local development. Two issuers on two ports:
//   google:    claims sub, email, email_verified, name
//   microsoft: claims sub, tid, oid, email, preferred_username, name (as Entra ID sends them: no
//              email_verified; xms_edov only when asked for)
// The login page is oidc-provider's development form: any login name is accepted, and it is taken
// as the person's e-mail address (their subject is derived from it, so it is stable). A suffix
// changes what the provider says about the address: `anna@x.example#verified` adds
// `xms_edov: true` (microsoft), `#unverified` sends `email_verified: false` (google).
//
// Usage: node tools/oidc-provider/server.mjs --google-port 4010 --microsoft-port 4011 \
//          --redirect http://alpha.localhost/api/auth/google/callback ... (one per redirect URI)
// Prints one JSON line {"google": "<issuer>", "microsoft": "<issuer>"} when both listen.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: {
    'google-port': { type: 'string', default: '4010' },
    'microsoft-port': { type: 'string', default: '4011' },
    redirect: { type: 'string', multiple: true, default: [] },
  },
});

export const CLIENT_SECRET = 'local-test-client-secret-0123456789';
const DIRECTORY = '9188040d-6c67-4c5b-b112-36a304b66dad';
const stableId = (kind, email) => {
  const hex = createHash('sha256').update(`${kind}:${email}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

function start(kind, port) {
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUris = values.redirect.filter((uri) => uri.includes(`/auth/${kind}/callback`));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: `portal-${kind}`,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris.length > 0 ? redirectUris : ['http://localhost/unused'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ['local-test-provider-cookie-key'] },
    conformIdTokenClaims: false,
    claims:
      kind === 'google'
        ? { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] }
        : { openid: ['sub', 'tid', 'oid'], email: ['email', 'xms_edov'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const [login, flag] = id.toLowerCase().split('#');
        const email = login;
        const name = email.split('@')[0];
        if (kind === 'google')
          return { sub: stableId('google', email), email, email_verified: flag !== 'unverified', name };
        const oid = stableId('microsoft', email);
        return {
          sub: oid.replaceAll('-', ''),
          tid: DIRECTORY,
          oid,
          email,
          preferred_username: email,
          name,
          ...(flag === 'verified' ? { xms_edov: true } : {}),
        };
      },
    }),
    features: { devInteractions: { enabled: true } },
    ttl: { Session: 60, Interaction: 600, Grant: 600 },
  });
  provider.proxy = false;
  return new Promise((resolve) => {
    const server = provider.listen(Number(port), '127.0.0.1', () => resolve({ issuer, server }));
  });
}

const google = await start('google', values['google-port']);
const microsoft = await start('microsoft', values['microsoft-port']);
process.stdout.write(`${JSON.stringify({ google: google.issuer, microsoft: microsoft.issuer })}\n`);
const stop = () => {
  google.server.close();
  microsoft.server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
