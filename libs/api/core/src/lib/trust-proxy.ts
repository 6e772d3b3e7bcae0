import { isIP } from 'node:net';
import { makeValidator } from 'envalid';

/** Names proxy-addr (Fastify's `trustProxy`) knows for whole ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `TRUST_PROXY`: which direct peers may set the client's address in `X-Forwarded-For` (Fastify's
 * `trustProxy`): none (`false`), a number of hops, or the proxies' addresses and CIDR ranges.
 * `true` — every hop, so any client picks its own address — is refused.
 */
export const trustProxy = makeValidator<false | number | string[]>((value) => {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) throw new Error('a hop count must be 1 to 10');
    return hops;
  }
  if (text === 'true')
    throw new Error(`"true" trusts every X-Forwarded-For hop; give the proxies' addresses/CIDRs or a hop count`);
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (RANGE_NAMES.includes(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      rest.length > 0 ||
      (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= bits))
    ) {
      throw new Error(`"${entry}" is not an IP address or CIDR range (or loopback, linklocal, uniquelocal)`);
    }
  }
  return entries;
});
