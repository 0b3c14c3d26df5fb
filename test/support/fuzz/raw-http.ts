import fc from 'fast-check';

/** Requests no HTTP library would send: control bytes in header values, odd request targets, conflicting lengths, obsolete line folding. */
export const malformedHttp: fc.Arbitrary<{ what: string; bytes: Uint8Array }> = fc
  .record({
    target: fc.oneof(
      fc.constantFrom('/api/v1/regions', '/api/v1/communities/%ZZ', '/api/v1/communities/..%2f..%2fregions', '*', 'http://evil.example/api/v1/regions', '/api/v1/regions#frag', '//api//v1//regions', '/api/v1/regions?%', '/api/v1/search?q=%00%FF'),
      fc.uint8Array({ minLength: 1, maxLength: 30 }).map((b) => `/api/v1/${Buffer.from(b).toString('latin1').replace(/[\s]/g, '_')}`),
    ),
    method: fc.constantFrom('GET', 'POST', 'get', 'FOO', 'CONNECT', 'TRACE', 'PRI', 'G ET'),
    header: fc.oneof(
      fc.constantFrom('X-A: a\u0000b', 'X-A: a\rb', 'X-A:\u0001', 'Accept-Language: nl\u0000', 'Authorization: Bearer a\u0000b', 'Idempotency-Key: \u0007', ' X-Folded: x', 'X-A\t: b', 'X A: b', ': leeg', 'X-A: ' + 'x'.repeat(20_000)),
      fc.uint8Array({ minLength: 1, maxLength: 20 }).map((b) => `X-Fuzz: ${Buffer.from(b).toString('latin1').replace(/[\r\n]/g, '')}`),
    ),
    framing: fc.constantFrom('none', 'two-lengths', 'length-and-chunked', 'bad-chunk', 'negative-length', 'huge-length-no-body'),
  })
  .map(({ target, method, header, framing }) => {
    const body = '{"slug":"x","name":"y"}';
    const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', header, 'Content-Type: application/json'];
    let payload = '';
    switch (framing) {
      case 'none':
        lines.push(`Content-Length: ${body.length}`);
        payload = body;
        break;
      case 'two-lengths':
        lines.push(`Content-Length: ${body.length}`, 'Content-Length: 3');
        payload = body;
        break;
      case 'length-and-chunked':
        lines.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked');
        payload = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
        break;
      case 'bad-chunk':
        lines.push('Transfer-Encoding: chunked');
        payload = `zz\r\n${body}\r\n0\r\n\r\n`;
        break;
      case 'negative-length':
        lines.push('Content-Length: -1');
        break;
      case 'huge-length-no-body':
        lines.push('Content-Length: 99999999999999999999');
        break;
    }
    const text = `${lines.join('\r\n')}\r\n\r\n${payload}`;
    return { what: `${method} ${target} [${header.slice(0, 40)}] ${framing}`, bytes: new Uint8Array(Buffer.from(text, 'latin1')) };
  });
