import { checkMediaUrl, isPublicAddress } from './address-policy';

const refusal = (url: string, options?: { allowLoopback?: boolean }) => {
  const check = checkMediaUrl(url, options);
  return check.ok ? 'ok' : check.reason;
};

describe('media URL policy (what a person typed)', () => {
  it.each([
    'https://www.youtube.com/watch?v=abc', 'http://example.org/', 'https://example.org:443/pad', 'http://example.org:80/', 'https://8.8.8.8/',
    'https://[2001:4860:4860::8888]/', 'https://www.npo.nl/start', 'https://bibliotheek.nl./',
  ])('accepts %s', (url) => expect(refusal(url)).toBe('ok'));

  it.each([
    ['ftp://example.org/', 'SCHEME'], ['file:///etc/passwd', 'SCHEME'], ['gopher://example.org/', 'SCHEME'], ['javascript:alert(1)', 'SCHEME'],
    ['data:text/html,<b>x</b>', 'SCHEME'], ['not a url', 'INVALID_URL'], ['http://', 'INVALID_URL'],
    ['http://example.org:8080/', 'PORT'], ['https://example.org:22/', 'PORT'], ['http://example.org:443/', 'PORT'],
    ['http://user:pass@example.org/', 'CREDENTIALS'], ['http://user@example.org/', 'CREDENTIALS'],
  ])('refuses %s (%s)', (url, reason) => expect(refusal(url)).toBe(reason));

  it.each([
    // loopback, private, link-local (cloud metadata), CGNAT, unspecified, multicast, broadcast, reserved
    'http://127.0.0.1/', 'http://127.1.2.3/', 'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/', 'http://0.0.0.0/', 'http://224.0.0.1/', 'http://255.255.255.255/', 'http://240.0.0.1/', 'http://192.0.2.1/',
    // the same in decimal, octal, hex and short forms (the URL parser makes them 127.0.0.1 / 10.0.0.1 / 169.254.169.254)
    'http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.0.0.1/', 'http://0x7f000001/', 'http://127.1/', 'http://0/', 'http://167772161/',
    'http://0xa9fea9fe/', 'http://017700000001/', 'http://%31%32%37.0.0.1/',
    // IPv6: loopback, unspecified, unique local, link-local, multicast, IPv4-mapped and -translated, NAT64, 6to4, Teredo, documentation
    'http://[::1]/', 'http://[::]/', 'http://[fd00::1]/', 'http://[fc00::5]/', 'http://[fe80::1]/', 'http://[ff02::1]/',
    'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:10.0.0.1]/',
    'http://[64:ff9b::a00:1]/', 'http://[2002:7f00:1::]/', 'http://[2001::1]/', 'http://[2001:db8::1]/',
  ])('refuses the non-public address in %s', (url) => expect(refusal(url)).toBe('ADDRESS'));

  it.each([
    'http://localhost/', 'http://LOCALHOST./', 'http://api.localhost/', 'http://printer.local/', 'http://db.internal/', 'http://router.home.arpa/',
    'http://intranet/', 'http://metadata/', 'http://1.0.0.127.in-addr.arpa/',
  ])('refuses the local-only name in %s', (url) => expect(refusal(url)).toBe('LOCAL_NAME'));

  it('the test allowance admits loopback and other ports, never other private addresses', () => {
    expect(refusal('http://127.0.0.1:45678/', { allowLoopback: true })).toBe('ok');
    expect(refusal('http://[::1]:8080/', { allowLoopback: true })).toBe('ok');
    expect(refusal('http://10.0.0.1/', { allowLoopback: true })).toBe('ADDRESS');
    expect(refusal('http://169.254.169.254/', { allowLoopback: true })).toBe('ADDRESS');
    expect(refusal('http://localhost:3000/', { allowLoopback: true })).toBe('LOCAL_NAME');
  });
});

describe('resolved addresses', () => {
  it.each(['8.8.8.8', '145.97.39.155', '2001:4860:4860::8888', '2a00:1450:4001::200e'])('%s is public', (ip) => expect(isPublicAddress(ip)).toBe(true));
  it.each([
    '127.0.0.1', '10.1.2.3', '172.31.255.255', '192.168.0.10', '169.254.0.1', '100.100.100.100', '0.0.0.0', '224.1.1.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fd12:3456::1', 'ff05::2', '::ffff:127.0.0.1', '::ffff:192.168.1.1', '64:ff9b::7f00:1', 'fe80::1%eth0',
    'not-an-ip', '', '2130706433', '0177.0.0.1',
  ])('%s is not', (ip) => expect(isPublicAddress(ip)).toBe(false));
  it('the test allowance admits loopback only', () => {
    expect(isPublicAddress('127.0.0.1', { allowLoopback: true })).toBe(true);
    expect(isPublicAddress('::1', { allowLoopback: true })).toBe(true);
    expect(isPublicAddress('10.0.0.1', { allowLoopback: true })).toBe(false);
  });
});
