import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DomainError, GetImport, ImportStatus, RegionCreated, StartImport } from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import type { z } from 'zod';
import { CatalogueTestKit, brokenMarcXml, marcFile } from './catalogue-test-kit';

type Status = z.infer<typeof ImportStatus>;

/** Up to this size the catalogue checks a file while the upload waits; larger ones the worker checks. */
const SYNC_LIMIT = 250_000;
const XML_INVALID_NL = /^Het bestand is geen geldige XML \(regel (\d+), kolom (\d+)\): .+; er is niets geïmporteerd\.$/;

describe('catalogue: a broken file is refused as a whole (real PostgreSQL, NATS, Redis)', () => {
  const scope = new TestScope('catalogue-import-invalid');
  const kit = new CatalogueTestKit(scope, { CATALOGUE_IMPORT_SYNC_CHECK_MAX_BYTES: String(SYNC_LIMIT), CATALOGUE_IMPORT_BATCH_SIZE: '20' });
  const regionA = randomUUID();
  const regionB = randomUUID();
  let tokens: TestIdentity;
  let catalogue: InProcessService;
  let worker: InProcessService;
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await kit.start();
    catalogue = await kit.startCatalogue();
    worker = await kit.startWorker();
    adminA = await tokens.token({ regionId: regionA, roles: ['library_admin'] });
    adminB = await tokens.token({ regionId: regionB, roles: ['library_admin'] });
    await kit.publish(RegionCreated, { regionId: regionA, slug: 'regio-a', name: 'Regio A' }, regionA);
    await kit.publish(RegionCreated, { regionId: regionB, slug: 'regio-b', name: 'Regio B' }, regionB);
    await waitFor(async () => (await kit.query('SELECT 1 FROM regions')).length === 2);
  });
  afterAll(async () => {
    await worker?.close();
    await catalogue?.close();
    await tokens?.stop();
    await kit.stop();
    await scope.dispose();
  });

  const titlesIn = async (region: string) => Number((await kit.query<{ n: string }>('SELECT count(*) n FROM titles WHERE region_id = $1', [region]))[0].n);
  const lineOf = (text: string, fragment: string) => text.slice(0, text.indexOf(fragment)).split('\n').length;

  /** Uploads a file (path) or bytes and sends StartImport; the reply or the DomainError. */
  async function startImport(content: string | Uint8Array, token: string, format: 'marcxml' | 'marc21' = 'marcxml') {
    const importId = randomUUID();
    await kit.upload(importId, content);
    const reply = await catalogue.send(StartImport, { importId, objectName: importId, format }, token).catch((e: DomainError) => e);
    return { importId, reply };
  }

  const finished = (importId: string, token: string) =>
    waitFor(async () => {
      const status = await catalogue.send(GetImport, { id: importId }, token);
      return status.status === 'completed' || status.status === 'failed' ? status : undefined;
    }, 60_000);

  /** A synchronous refusal: 400, no import row, the object deleted, and the import id unknown. */
  async function expectRefused(importId: string, reply: unknown, token: string) {
    expect(reply).toBeInstanceOf(DomainError);
    expect(reply).toMatchObject({ statusCode: 400, code: 'CATALOGUE_FILE_INVALID' });
    expect(await kit.query('SELECT 1 FROM catalogue_imports WHERE id = $1', [importId])).toHaveLength(0);
    expect(await kit.objectExists(importId)).toBe(false);
    await expect(catalogue.send(GetImport, { id: importId }, token)).rejects.toMatchObject({ statusCode: 404 });
  }

  it('refuses MARCXML truncated in the middle of record 60 with a 400 naming line and column; nothing is created', async () => {
    const xml = brokenMarcXml('nlnz-first100.marcxml', 60);
    expect(Buffer.byteLength(xml)).toBeLessThan(SYNC_LIMIT);
    const { importId, reply } = await startImport(Buffer.from(xml), adminA);
    await expectRefused(importId, reply, adminA);
    const { nl, en } = (reply as DomainError).messages;
    expect(nl).toMatch(XML_INVALID_NL);
    expect(nl).toContain(`(regel ${xml.split('\n').length}, kolom `);
    expect(nl).toMatch(/afgebroken/);
    expect(en).toMatch(/^The file is not well-formed XML \(line \d+, column \d+\): Unclosed root tag; nothing was imported\.$/);
    expect(await titlesIn(regionA)).toBe(0);
  });

  it('refuses MARCXML with an unclosed tag early on the same way', async () => {
    const xml = readFileSync(marcFile('zebra-loc-opera-43.marcxml'), 'utf8').replace('52014163</subfield>', '52014163');
    expect(Buffer.byteLength(xml)).toBeLessThan(SYNC_LIMIT);
    const { importId, reply } = await startImport(Buffer.from(xml), adminA);
    await expectRefused(importId, reply, adminA);
    expect((reply as DomainError).messages.nl).toMatch(XML_INVALID_NL);
    expect((reply as DomainError).messages.nl).toMatch(/^Het bestand is geen geldige XML \(regel 10, kolom 16\): een sluittag die niet/);
    expect(await titlesIn(regionA)).toBe(0);
  });

  it('refuses an undefined entity in record 2, naming the entity', async () => {
    const xml = brokenMarcXml('zebra-loc-opera-43.marcxml', 2, 'Caf&eacute; ');
    const { importId, reply } = await startImport(Buffer.from(xml), adminA);
    await expectRefused(importId, reply, adminA);
    expect((reply as DomainError).messages.nl).toMatch(XML_INVALID_NL);
    expect((reply as DomainError).messages.nl).toContain('onbekende entiteit &eacute;');
    expect((reply as DomainError).messages.en).toContain('Invalid character entity: &eacute');
  });

  it('refuses an ISO 2709 file of which not a single record can be read; nothing is created', async () => {
    const cut = readFileSync(marcFile('nlnz-1000.mrc')).subarray(0, 600); // the first record without its end
    const { importId, reply } = await startImport(cut, adminA, 'marc21');
    await expectRefused(importId, reply, adminA);
    expect((reply as DomainError).messages.nl).toMatch(/^Er kon geen enkel MARC21-record \(ISO 2709\) uit het bestand worden gelezen: .*600 losse byte.*; er is niets geïmporteerd\.$/);
  });

  it('accepts a large malformed MARCXML file, then fails it in the worker with the same message and 0 titles', async () => {
    // Well-formed up to record 95: an import that streamed along would have stored 94 titles.
    const xml = brokenMarcXml('nlnz-first100.marcxml', 95, 'Tom & Jerry ');
    expect(Buffer.byteLength(xml)).toBeGreaterThan(SYNC_LIMIT);
    const before = await titlesIn(regionB); // the well-formed import below may have run first
    const { importId, reply } = await startImport(Buffer.from(xml), adminB);
    expect(reply).toEqual({ id: importId }); // the gateway's 202
    expect(await kit.query('SELECT 1 FROM catalogue_imports WHERE id = $1', [importId])).toHaveLength(1);

    const status: Status = await finished(importId, adminB);
    const line = lineOf(xml, 'Tom & Jerry ');
    expect(status).toMatchObject({ status: 'failed', imported: 0, failed: 0 });
    expect(status.errors).toEqual([{ record: 95, message: expect.stringMatching(XML_INVALID_NL) }]);
    expect(status.errors[0].message).toContain(`(regel ${line}, kolom `);
    expect(status.errors[0].message).toContain('een losse & in de tekst');
    const [row] = await kit.query<{ last_error: string; error_count: number }>('SELECT last_error, error_count FROM catalogue_imports WHERE id = $1', [importId]);
    expect(row).toEqual({ last_error: status.errors[0].message, error_count: 1 });
    expect(await titlesIn(regionB)).toBe(before);
    const outbox = await kit.query("SELECT payload FROM kc_outbox WHERE subject LIKE '%kc.catalogue.import.completed.v1'");
    expect(outbox.map((r) => (r.payload as { data: unknown }).data)).toContainEqual({ importId, status: 'failed', imported: 0, failed: 0 });
    await waitFor(async () => !(await kit.objectExists(importId)), 15_000); // removed after the commit
  });

  it('imports a well-formed MARCXML file above the limit after the worker checked it: 100 titles', async () => {
    expect(readFileSync(marcFile('nlnz-first100.marcxml')).length).toBeGreaterThan(SYNC_LIMIT);
    const { importId, reply } = await startImport(marcFile('nlnz-first100.marcxml'), adminB);
    expect(reply).toEqual({ id: importId });
    expect(await finished(importId, adminB)).toMatchObject({ status: 'completed', imported: 100, failed: 0, errors: [] });
    expect(await titlesIn(regionB)).toBe(100);
  });
});
