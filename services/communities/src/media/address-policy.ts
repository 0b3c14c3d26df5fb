import ipaddr from 'ipaddr.js';

/**
 * Which URLs the server may fetch for a link preview (SSRF policy, ADR 0022). Two gates:
 * - `checkMediaUrl` on what a person typed, at once: http(s) only, on the default ports 80/443,
 *   no user:password part, and no host that names a non-public address (a literal IP in any form
 *   the WHATWG parser accepts — decimal, octal, hex, IPv6, IPv4-mapped — `localhost` and other
 *   local-only names).
 * - `isPublicAddress` on every address a host name resolves to, before the connection is made
 *   (the fetcher connects to exactly the address it checked).
 */
export type UrlRefusal = 'INVALID_URL' | 'SCHEME' | 'PORT' | 'CREDENTIALS' | 'ADDRESS' | 'LOCAL_NAME';
export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: UrlRefusal };

/** Names that only mean something inside a network (RFC 6761, 6762, 8375, and habits). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'home.arpa', 'corp', 'test', 'invalid', 'onion', 'arpa'];

/**
 * `allowLoopback` is the test-only allowance (config refuses it in production): loopback
 * addresses are allowed, and any port, so tests reach a local server on its random port.
 */
export function checkMediaUrl(input: string, options: { allowLoopback?: boolean } = {}): UrlCheck {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'INVALID_URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'SCHEME' };
  if (url.username || url.password) return { ok: false, reason: 'CREDENTIALS' };
  const host = hostOf(url);
  if (!host) return { ok: false, reason: 'INVALID_URL' };
  const literal = parseIp(host);
  if (options.allowLoopback && literal && isLoopback(literal)) return { ok: true, url };
  // The parser drops a default port: anything left is another port.
  if (url.port !== '' && !options.allowLoopback) return { ok: false, reason: 'PORT' };
  if (literal) return isPublic(literal) ? { ok: true, url } : { ok: false, reason: 'ADDRESS' };
  if (!host.includes('.') || LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return { ok: false, reason: 'LOCAL_NAME' };
  return { ok: true, url };
}

/** The host of a parsed URL without IPv6 brackets or a trailing dot, lower case. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
}

/** A resolved address that a preview may connect to: public unicast only (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPublicAddress(address: string, options: { allowLoopback?: boolean } = {}): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  if (options.allowLoopback && isLoopback(ip)) return true;
  return isPublic(ip);
}

function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  // Only the canonical forms: the URL parser has already turned 0x7f.1, 2130706433 and 0177.0.0.1 into 127.0.0.1.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  try {
    return ipaddr.parse(text.replace(/%.*$/, ''));
  } catch {
    return null;
  }
}

function unwrap(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

/** `unicast` is what ipaddr.js calls everything outside its special ranges (private, loopback, link-local, CGNAT, multicast, NAT64, 6to4, Teredo, …). */
function isPublic(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return unwrap(ip).range() === 'unicast';
}

function isLoopback(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return unwrap(ip).range() === 'loopback';
}
