import { lookup as dnsLookup, promises as dns } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { BlockList, type LookupFunction, isIP } from 'node:net';

/**
 * Keeps the server's requests to a tenant's identity provider (discovery, token, JWKS — the client
 * secret travels along) on the public internet: an issuer must be an https URL whose host is a
 * name, never an IP literal, resolving only to public addresses. Checked when the issuer is saved
 * and again on every connection (DNS may answer differently later), and redirects are never
 * followed. `allowLoopback` (OIDC_ALLOW_HTTP, refused in production) lets the local test provider
 * on 127.0.0.1 in, over http too — nothing else.
 */

/** Every special-purpose range of the IANA registries: nothing here is a public host. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata endpoints)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 (embeds any IPv4 address)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo included)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4 address)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Whether the server may connect to this address (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  if (allowLoopback && LOOPBACK.check(address, family(address))) return true;
  return isIP(address) !== 0 && !NOT_PUBLIC.check(address, family(address));
}

/** The IP address a URL's host names literally, if it does (`[::1]` → `::1`). */
function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

export interface IssuerProblem {
  code: 'isHttps' | 'publicHost' | 'unresolvable';
  message: string;
}

/** The configuration-time check of an issuer URL: null when the server may use it. */
export async function checkIssuer(issuer: string, allowLoopback: boolean): Promise<IssuerProblem | null> {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { code: 'isHttps', message: 'The issuer must be an https:// URL' };
  }
  if (url.protocol !== 'https:' && !(allowLoopback && url.protocol === 'http:'))
    return { code: 'isHttps', message: 'The issuer must be an https:// URL' };
  const notPublic: IssuerProblem = {
    code: 'publicHost',
    message: 'The issuer must be a public host name, such as accounts.google.com',
  };
  if (url.username || url.password) return notPublic;
  const literal = ipLiteral(url.hostname);
  if (literal) return allowLoopback && addressAllowed(literal, true) ? null : notPublic;
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(url.hostname, { all: true, verbatim: true });
  } catch {
    return { code: 'unresolvable', message: `The host name ${url.hostname} could not be found` };
  }
  return addresses.length > 0 && addresses.every((a) => addressAllowed(a.address, allowLoopback)) ? null : notPublic;
}

/** Thrown (as the fetch's failure) when a request would reach a host that is not public. */
export class IssuerNotPublicError extends Error {
  readonly code = 'ERR_ISSUER_NOT_PUBLIC';
}

/** A DNS lookup for outgoing sockets that refuses a name with any non-public address. */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !addressAllowed(a.address, allowLoopback));
      if (refused || addresses.length === 0) {
        return callback(
          new IssuerNotPublicError(
            `${hostname} resolves to ${refused?.address ?? 'nothing'}, which is not a public address`,
          ),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const MAX_RESPONSE_BYTES = 1_000_000;

type FetchBody = string | URLSearchParams | Uint8Array | ArrayBuffer | null | undefined;

/**
 * A `fetch` for openid-client (its `customFetch`): node's http(s) with the guarded lookup, IP
 * literals refused before any socket, never a redirect followed, and answers capped at 1 MB.
 */
export type GuardedFetch = (
  input: string,
  init: { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal },
) => Promise<Response>;

export function guardedFetch(allowLoopback: boolean): GuardedFetch {
  return (
    input: string,
    init: { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal },
  ): Promise<Response> => {
    const url = new URL(input);
    if (url.protocol !== 'https:' && !(allowLoopback && url.protocol === 'http:')) {
      return Promise.reject(new IssuerNotPublicError(`${url.origin} is not an https URL`));
    }
    const literal = ipLiteral(url.hostname);
    if (literal && !addressAllowed(literal, allowLoopback))
      return Promise.reject(new IssuerNotPublicError(`${literal} is not a public address`));
    const raw = init.body as FetchBody;
    const body =
      raw == null
        ? undefined
        : raw instanceof ArrayBuffer
          ? Buffer.from(raw)
          : raw instanceof Uint8Array
            ? raw
            : String(raw);
    return new Promise<Response>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method: init.method, headers: init.headers, lookup: guardedLookup(allowLoopback), signal: init.signal },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              response.destroy(new Error(`the answer from ${url.origin} is larger than ${MAX_RESPONSE_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (let i = 0; i < response.rawHeaders.length; i += 2)
              headers.append(response.rawHeaders[i], response.rawHeaders[i + 1]);
            const status = response.statusCode ?? 502;
            const empty = status === 204 || status === 205 || status === 304;
            resolve(
              new Response(empty ? null : Buffer.concat(chunks), {
                status,
                statusText: response.statusMessage,
                headers,
              }),
            );
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };
}
