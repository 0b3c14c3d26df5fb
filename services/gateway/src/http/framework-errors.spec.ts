import type { Socket } from 'node:net';
import { clientErrorHandler } from './framework-errors';

function answerTo(code: string): { status: number; body: Record<string, unknown> } {
  let written = '';
  const socket = { destroyed: false, end: (data: string) => (written = data) } as unknown as Socket;
  clientErrorHandler(Object.assign(new Error('parse error'), { code }), socket);
  const [head, body] = written.split('\r\n\r\n');
  return { status: Number(head!.split(' ')[1]), body: JSON.parse(body!) };
}

describe('clientErrorHandler (requests Node’s HTTP parser refuses)', () => {
  it('answers oversized headers with 431 in the API error shape', () => {
    expect(answerTo('HPE_HEADER_OVERFLOW')).toEqual({
      status: 431,
      body: { statusCode: 431, error: 'Request Header Fields Too Large', code: 'HEADERS_TOO_LARGE', message: expect.stringMatching(/^De headers .* \/ The request headers/) },
    });
  });

  it('answers any other malformed request with 400 MALFORMED_REQUEST', () => {
    expect(answerTo('HPE_INVALID_HEADER_TOKEN')).toMatchObject({ status: 400, body: { code: 'MALFORMED_REQUEST', statusCode: 400 } });
  });

  it('leaves a reset connection alone', () => {
    let ended = false;
    clientErrorHandler(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), { destroyed: false, end: () => (ended = true) } as unknown as Socket);
    expect(ended).toBe(false);
  });
});
