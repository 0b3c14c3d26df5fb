import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { DomainError, GetImport, RegionCreated, SearchTitles, StartImport, ImportStatus } from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import type { z } from 'zod';
import { CatalogueTestKit, largeIso2709, marcFile } from './catalogue-test-kit';

type Status = z.infer<typeof ImportStatus>;

describe('catalogue: imports and title search (real PostgreSQL, NATS, Redis)', () => {
  const scope = new TestScope('catalogue-import');
  const kit = new CatalogueTestKit(scope, { CATALOGUE_IMPORT_BATCH_SIZE: '200', CATALOGUE_JOB_BACKOFF_MS: '200' });
  const regionA = randomUUID();
  const regionB = randomUUID();
  const regionC = randomUUID();
  let tokens: TestIdentity;
  let catalogue: InProcessService;
  let worker: InProcessService | undefined;
  let adminA: string;
  let adminB: string;
  let adminC: string;
  let memberA: string;
  let operator: string;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await kit.start();
    catalogue = await kit.startCatalogue();
    worker = await kit.startWorker();
    adminA = await tokens.token({ regionId: regionA, roles: ['library_admin'] });
    adminB = await tokens.token({ regionId: regionB, roles: ['library_admin'] });
    adminC = await tokens.token({ regionId: regionC, roles: ['library_admin'] });
    memberA = await tokens.token({ regionId: regionA });
    operator = await tokens.token({ operator: true });
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

  async function importFile(file: string | Uint8Array, token: string, extra: { region?: string } = {}): Promise<Status> {
    const importId = randomUUID();
    await kit.upload(importId, file);
    await catalogue.send(StartImport, { importId, objectName: importId, format: 'marcxml', ...extra }, token);
    return waitFor(async () => {
      const status = await catalogue.send(GetImport, { id: importId }, token);
      return status.status === 'completed' || status.status === 'failed' ? status : undefined;
    }, 60_000);
  }

  const titlesIn = async (region: string) => Number((await kit.query<{ n: string }>('SELECT count(*) n FROM titles WHERE region_id = $1', [region]))[0].n);

  /**
   * A region of its own, for a test that counts or searches titles: no other test imports into
   * it, in whatever order they run. Known by its slug (RegionCreated, as identity announces it).
   */
  async function ownRegion(name: string) {
    const id = randomUUID();
    const slug = `${name}-${id.slice(0, 8)}`;
    await kit.publish(RegionCreated, { regionId: id, slug, name }, id);
    await waitFor(async () => (await kit.query('SELECT 1 FROM regions WHERE id = $1', [id])).length === 1);
    return { id, slug, admin: await tokens.token({ regionId: id, roles: ['library_admin'] }), member: await tokens.token({ regionId: id }) };
  }

  it('imports MARCXML with a default namespace: 100 titles', async () => {
    const region = await ownRegion('default-ns');
    const status = await importFile(marcFile('nlnz-first100.marcxml'), region.admin);
    expect(status).toMatchObject({ status: 'completed', format: 'marcxml', imported: 100, failed: 0, errors: [] });
    expect(status.bytesTotal).toBe(statSync(marcFile('nlnz-first100.marcxml')).size);
    expect(status.bytesRead).toBe(status.bytesTotal); // the progress bar ends full
    expect(await titlesIn(region.id)).toBe(100);
    const outbox = await kit.query("SELECT payload FROM kc_outbox WHERE subject LIKE '%kc.catalogue.import.completed.v1'");
    expect(outbox.map((r) => (r.payload as { data: unknown }).data)).toContainEqual({ importId: status.id, status: 'completed', imported: 100, failed: 0 });
    // The upload is removed after the import's commit (best effort, import-runner afterCompletion): wait for it.
    await waitFor(async () => !(await kit.objectExists(status.id)), 15_000);
  });

  it('answers a retried StartImport (same Idempotency-Key) with the first import and drops the retry’s upload', async () => {
    const key = `retry-${randomUUID()}`;
    const admin = await tokens.token({ regionId: randomUUID(), roles: ['library_admin'] }); // a region of its own: other tests count titles
    const [first, second] = [randomUUID(), randomUUID()];
    const file = marcFile('zebra-loc-prefixed-ns.marcxml');
    await kit.upload(first, file);
    await kit.upload(second, file);
    const a = await catalogue.send(StartImport, { importId: first, objectName: first, format: 'marcxml' }, admin, key);
    const b = await catalogue.send(StartImport, { importId: second, objectName: second, format: 'marcxml' }, admin, key);
    expect(b.id).toBe(a.id);
    expect(await kit.objectExists(second)).toBe(false);
    await expect(catalogue.send(GetImport, { id: second }, admin)).rejects.toMatchObject({ statusCode: 404 });
    await waitFor(async () => (await catalogue.send(GetImport, { id: first }, admin)).status === 'completed', 60_000);
  });

  it('refuses an Idempotency-Key reused for another file with 422 IDEMPOTENCY_KEY_REUSED, and keeps the first import', async () => {
    const key = `reuse-${randomUUID()}`;
    const admin = await tokens.token({ regionId: randomUUID(), roles: ['library_admin'] });
    const [first, other] = [randomUUID(), randomUUID()];
    await kit.upload(first, marcFile('zebra-loc-prefixed-ns.marcxml'));
    await kit.upload(other, marcFile('nlnz-first100.marcxml'));
    const a = await catalogue.send(StartImport, { importId: first, objectName: first, format: 'marcxml' }, admin, key);
    expect(a.id).toBe(first);
    const reused = catalogue.send(StartImport, { importId: other, objectName: other, format: 'marcxml' }, admin, key);
    await expect(reused).rejects.toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(reused).rejects.toMatchObject({ messages: { nl: expect.stringMatching(/al gebruikt voor een ander verzoek/) } });
    await expect(catalogue.send(GetImport, { id: other }, admin)).rejects.toMatchObject({ statusCode: 404 });
    await waitFor(async () => (await catalogue.send(GetImport, { id: first }, admin)).status === 'completed', 60_000);
  });

  it('imports MARCXML with a marc: namespace prefix: 2 titles', async () => {
    const region = await ownRegion('prefixed-ns');
    const status = await importFile(marcFile('zebra-loc-prefixed-ns.marcxml'), region.admin);
    expect(status).toMatchObject({ status: 'completed', imported: 2, failed: 0 });
    expect(await titlesIn(region.id)).toBe(2);
  });

  it('imports ISO 2709: all 1001 records of the NLNZ sample, and a re-import upserts', async () => {
    const region = await ownRegion('iso2709');
    expect(await importFile(marcFile('nlnz-first100.marcxml'), region.admin)).toMatchObject({ status: 'completed', imported: 100 });
    expect(await titlesIn(region.id)).toBe(100);
    const first = await importFile(marcFile('nlnz-1000.mrc'), region.admin);
    expect(first).toMatchObject({ status: 'completed', format: 'marc21', imported: 1001, failed: 0 });
    // The first 100 are the same records as the MARCXML file imported above: upserted, not duplicated.
    expect(await titlesIn(region.id)).toBe(1001);
    const again = await importFile(marcFile('nlnz-1000.mrc'), region.admin);
    expect(again.imported).toBe(1001);
    expect(await titlesIn(region.id)).toBe(1001);
  });

  it('reports trailing bytes after 24 ISO 2709 records as one error, without empty records', async () => {
    const region = await ownRegion('trailing-bytes');
    const status = await importFile(marcFile('zebra-sample-24-plus-trailing-bytes.mrc'), operator, { region: region.slug });
    expect(status).toMatchObject({ status: 'completed', imported: 24, failed: 1 });
    expect(status.errors).toEqual([{ record: 25, message: expect.stringMatching(/losse byte/) }]);
    expect(await titlesIn(region.id)).toBe(24);
    expect(await kit.query("SELECT 1 FROM titles WHERE region_id = $1 AND (title = '' OR source_id = '')", [region.id])).toHaveLength(0);
  });

  it('refuses a file that is not MARC with a Dutch 400, removes it and creates nothing', async () => {
    const importId = randomUUID();
    await kit.upload(importId, marcFile('zebra-caltech-oai_dc-ListRecords-100.xml'));
    const error = await catalogue.send(StartImport, { importId, objectName: importId, format: 'marcxml' }, adminA).catch((e: DomainError) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ statusCode: 400, code: 'CATALOGUE_FILE_NOT_MARC', messages: { nl: expect.stringMatching(/geen MARC-bestand/) } });
    expect(await kit.query('SELECT 1 FROM catalogue_imports WHERE id = $1', [importId])).toHaveLength(0);
    expect(await kit.objectExists(importId)).toBe(false);
    const status = await catalogue.send(GetImport, { id: importId }, adminA).catch((e: DomainError) => e);
    expect(status).toMatchObject({ statusCode: 404 });
  });

  it('lets only a library_admin of the region (or the operator) import and see imports', async () => {
    const importId = randomUUID();
    await kit.upload(importId, marcFile('zebra-loc-prefixed-ns.marcxml'));
    const asMember = await catalogue.send(StartImport, { importId, objectName: importId, format: 'marcxml' }, memberA).catch((e: DomainError) => e);
    expect(asMember).toMatchObject({ statusCode: 403, code: 'CATALOGUE_IMPORT_FORBIDDEN' });
    const otherRegion = await catalogue.send(StartImport, { importId, objectName: importId, format: 'marcxml', region: 'regio-a' }, adminB).catch((e: DomainError) => e);
    expect(otherRegion).toMatchObject({ statusCode: 403, code: 'CATALOGUE_OTHER_REGION' });
    const anonymous = await catalogue.send(StartImport, { importId, objectName: importId, format: 'marcxml' }).catch((e: DomainError) => e);
    expect(anonymous).toMatchObject({ statusCode: 401 });
    expect(await kit.query('SELECT 1 FROM catalogue_imports WHERE id = $1', [importId])).toHaveLength(0);

    const status = await importFile(marcFile('zebra-loc-prefixed-ns.marcxml'), adminA);
    expect((await catalogue.send(GetImport, { id: status.id }, operator)).status).toBe('completed');
    await expect(catalogue.send(GetImport, { id: status.id }, adminB)).rejects.toMatchObject({ statusCode: 404 });
    await expect(catalogue.send(GetImport, { id: status.id }, memberA)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('searches only the caller’s region, Dutch-ranked, with a trigram fallback for typos', async () => {
    // Regions of its own: the two LoC records (a jazz record among them) in both, the NLNZ sample in A only.
    const [a, b] = [await ownRegion('zoek-a'), await ownRegion('zoek-b')];
    for (const region of [a, b]) expect(await importFile(marcFile('zebra-loc-prefixed-ns.marcxml'), region.admin)).toMatchObject({ status: 'completed', imported: 2 });
    expect(await importFile(marcFile('nlnz-1000.mrc'), a.admin)).toMatchObject({ status: 'completed', imported: 1001 });
    const inB = await catalogue.send(SearchTitles, { q: 'jazz' }, b.admin);
    expect(inB.items.map((t) => t.title)).toEqual(['The Great Ray Charles']);
    expect(inB.items.every((t) => t.regionId === b.id)).toBe(true);
    const inA = await catalogue.send(SearchTitles, { q: 'jazz' }, a.member);
    expect(inA.items.map((t) => t.title)).toContain('The Great Ray Charles');
    expect(inA.items.every((t) => t.regionId === a.id)).toBe(true);
    // Title matches (weight A) rank above subject-only matches (weight B).
    expect(inA.items[0].title).toMatch(/jazz/i);
    // A NLNZ title exists only in region A: region B never sees it.
    const [nz] = await kit.query<{ title: string }>('SELECT title FROM titles WHERE region_id = $1 AND title ILIKE $2 LIMIT 1', [a.id, '%zealand%']);
    const fromA = await catalogue.send(SearchTitles, { q: 'New Zealand' }, a.member);
    expect(fromA.items.length).toBeGreaterThan(0);
    expect(fromA.items.every((t) => t.regionId === a.id)).toBe(true);
    const fromB = await catalogue.send(SearchTitles, { q: 'New Zealand' }, b.admin);
    expect(fromB.items.every((t) => t.regionId === b.id)).toBe(true);
    expect(fromB.items.map((t) => t.title)).not.toContain(nz.title);
    // Operator chooses the region by slug; a member naming another region is refused.
    const viaSlug = await catalogue.send(SearchTitles, { q: 'New Zealand', region: a.slug }, operator);
    expect(viaSlug.items.length).toBe(fromA.items.length);
    await expect(catalogue.send(SearchTitles, { q: 'New Zealand', region: a.slug }, b.admin)).rejects.toMatchObject({ statusCode: 403 });
    // Typo: "Zeeland" misspelt still finds the title through trigrams.
    const typo = await catalogue.send(SearchTitles, { q: nz.title.slice(0, 24).replace(/a/, 'e') }, a.member);
    expect(typo.items.map((t) => t.title)).toContain(nz.title);
  });

  it('finishes an import when the worker is stopped in the middle and a new one starts', async () => {
    const big = largeIso2709(8); // 8,008 records
    const importId = randomUUID();
    await kit.upload(importId, big);
    await catalogue.send(StartImport, { importId, objectName: importId, format: 'marc21' }, adminC);
    await waitFor(async () => (await catalogue.send(GetImport, { id: importId }, adminC)).imported >= 400, 60_000, 10);
    await worker!.close();
    worker = undefined;
    const interrupted = await catalogue.send(GetImport, { id: importId }, adminC);
    expect(interrupted.status).toBe('running');
    expect(interrupted.imported).toBeLessThan(8008);

    worker = await kit.startWorker();
    const done = await waitFor(async () => {
      const s = await catalogue.send(GetImport, { id: importId }, adminC);
      return s.status === 'completed' ? s : undefined;
    }, 120_000);
    expect(done).toMatchObject({ imported: 8008, failed: 0 });
    expect(await titlesIn(regionC)).toBe(8008);
  });
});
