import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Objm } from '@nats-io/obj';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { badRequest, StartImport, CatalogueUploadBucket } from '@kc/contracts';
import { NatsNamespace } from '@kc/messaging';
import { TEST_NATS_URL, waitFor } from '@kc/testing';
import { GatewayHarness } from './gateway-harness';

const MAX = 1024 * 1024;

/** A MARCXML-looking file of about `bytes` bytes, different in every record. */
function marcxml(bytes: number): Buffer {
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const record = `<record><datafield tag="245"><subfield code="a">Duurzaam wonen deel ${i}</subfield></datafield></record>\n`;
    records.push(record);
    size += record.length;
  }
  return Buffer.from(`<collection xmlns="http://www.loc.gov/MARC21/slim">\n${records.join('')}</collection>\n`);
}

describe('gateway: catalogue upload streams into the object store (real NATS JetStream)', () => {
  let gw: GatewayHarness;
  let nc: NatsConnection;
  let port: number;
  let token: string;

  const bucket = async () => new Objm(nc).open(new NatsNamespace(gw.scope.namespace).bucket(CatalogueUploadBucket.name));
  const objectNames = async () => (await (await bucket()).list()).filter((o) => !o.deleted).map((o) => o.name);

  /** Real HTTP with a chunked body (no content-length): the gateway cannot know the size in advance. */
  function upload(body: Buffer, contentType: string, path = '/api/v1/catalogue/imports?region=regio-west'): Promise<{ status: number; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', reject);
      const chunk = 64 * 1024;
      let offset = 0;
      const writeMore = () => {
        while (offset < body.length) {
          const more = req.write(body.subarray(offset, offset + chunk));
          offset += chunk;
          if (!more) return void req.once('drain', writeMore);
        }
        req.end();
      };
      writeMore();
    });
  }

  beforeAll(async () => {
    gw = await GatewayHarness.start('gateway-upload', { CATALOGUE_UPLOAD_MAX_BYTES: String(MAX) });
    await gw.app.listen(0, '127.0.0.1');
    port = (gw.app.getHttpServer().address() as AddressInfo).port;
    nc = await connect({ servers: TEST_NATS_URL });
    token = await gw.tokens.token({ operator: true });
    await gw.services.answer(StartImport, (data) => {
      if (data.format === 'marc21') throw badRequest('CATALOGUE_FILE_NOT_MARC', 'Dit is geen MARC-bestand.', 'This is not a MARC file.');
      return { id: data.importId };
    });
  });
  afterAll(async () => {
    await nc?.close();
    await gw?.close();
  });

  it('stores the streamed file under a new UUIDv7 import id and forwards StartImport; 202 {id}', async () => {
    const file = marcxml(600 * 1024);
    const res = await upload(file, 'application/marcxml+xml; charset=utf-8');
    expect(res.status).toBe(202);
    const id = res.json.id as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const call = gw.services.callsTo(StartImport).at(-1)!;
    expect(call.data).toEqual({ importId: id, objectName: id, format: 'marcxml', region: 'regio-west' });
    expect(call.meta.token).toBe(token);
    const stored = await (await bucket()).getBlob(id);
    expect(stored).not.toBeNull();
    expect(Buffer.from(stored!).equals(file)).toBe(true);
  });

  it('refuses a file over the limit with 413 while streaming, keeps no chunks and starts no import', async () => {
    const before = { calls: gw.services.callsTo(StartImport).length, objects: (await objectNames()).length };
    const res = await upload(marcxml(MAX + 300 * 1024), 'text/xml');
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(gw.services.callsTo(StartImport)).toHaveLength(before.calls);
    expect(await objectNames()).toHaveLength(before.objects);
    const info = await (await bucket()).status();
    expect(info.size).toBeLessThan(MAX); // only the first upload's object remains
  });

  it('keeps nothing of an upload the client abandons halfway, and starts no import', async () => {
    const before = { calls: gw.services.callsTo(StartImport).length, objects: await objectNames(), size: (await (await bucket()).status()).size };
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/catalogue/imports', method: 'POST', headers: { 'content-type': 'application/xml', 'content-length': String(900 * 1024), authorization: `Bearer ${token}` } });
    req.on('error', () => undefined);
    req.write(marcxml(400 * 1024), () => setImmediate(() => req.destroy()));
    // the chunks that arrived are purged once the gateway sees the connection close
    await waitFor(async () => (await (await bucket()).status()).size === before.size);
    expect(await objectNames()).toEqual(before.objects);
    expect(gw.services.callsTo(StartImport)).toHaveLength(before.calls);
    const next = await upload(marcxml(10 * 1024), 'application/marcxml+xml');
    expect(next.status).toBe(202);
  });

  it('refuses a declared content-length over the limit before storing anything', async () => {
    const res = await gw.inject({ method: 'POST', url: '/api/v1/catalogue/imports', payload: Buffer.alloc(MAX + 1, 0x41), headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('passes the catalogue’s CATALOGUE_FILE_NOT_MARC through and deletes nothing itself', async () => {
    const res = await gw.inject({ method: 'POST', url: '/api/v1/catalogue/imports', payload: 'geen marc', headers: { 'content-type': 'application/marc', authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', code: 'CATALOGUE_FILE_NOT_MARC', message: 'Dit is geen MARC-bestand.' });
    const call = gw.services.callsTo(StartImport).at(-1)!;
    expect(call.data.format).toBe('marc21');
    expect(await objectNames()).toContain(call.data.importId);
  });

  it('refuses JSON, an empty file and unknown query parameters on the upload route', async () => {
    const jsonBody = await gw.inject({ method: 'POST', url: '/api/v1/catalogue/imports', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(jsonBody.statusCode).toBe(415);
    expect(jsonBody.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const empty = await gw.inject({ method: 'POST', url: '/api/v1/catalogue/imports', payload: '', headers: { 'content-type': 'application/marcxml+xml' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('CATALOGUE_FILE_EMPTY');
    const query = await gw.inject({ method: 'POST', url: '/api/v1/catalogue/imports?regio=x', payload: '<collection/>', headers: { 'content-type': 'application/marcxml+xml' } });
    expect(query.statusCode).toBe(400);
    expect(query.json().code).toBe('VALIDATION_FAILED');
  });
});
