import { BlockAccount, DomainError, GetMe, GetMyProfile, ListRegionPeople, UpdateMyProfile } from '@kc/contracts';
import { InProcessService, TestScope } from '@kc/testing';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

type Person = Awaited<ReturnType<typeof resident>>;

describe('identity: profiles and the people directory (real PostgreSQL)', () => {
  const scope = new TestScope('identity-profile');
  let identity: InProcessService;
  let operator: string;
  let anna: Person, bert: Person, carla: Person, dirk: Person, eva: Person, gooi: Person;

  const people = (token: string, extra: { expertise?: string; limit?: number; cursor?: string } = {}, region = 'utrecht') =>
    identity.send(ListRegionPeople, { region, limit: 20, ...extra }, token);
  const names = (page: Awaited<ReturnType<typeof people>>) => page.items.map((p) => p.displayName);
  // Anna as she leaves 'saves a profile …': in the directory, with expertise.
  const annaProfile = { displayName: 'Anna de Vries', bio: 'Zonnepanelen en isolatie.', expertise: ['Zonnepanelen', 'Moestuin kweken', 'Warmtepomp'], directory: true };

  beforeAll(async () => {
    identity = await startIdentity(scope);
    operator = await operatorToken(identity);
    await createRegion(identity, operator, 'utrecht');
    await createRegion(identity, operator, 'gooi');
    [anna, bert, carla, dirk, eva, gooi] = await Promise.all([
      resident(identity, 'utrecht', 'anna'), resident(identity, 'utrecht', 'bert'), resident(identity, 'utrecht', 'carla'),
      resident(identity, 'utrecht', 'dirk'), resident(identity, 'utrecht', 'eva'), resident(identity, 'gooi', 'gooise'),
    ]);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('starts private: no bio, no expertise, not in the directory', async () => {
    const frits = await resident(identity, 'utrecht', 'frits');
    expect(await identity.send(GetMyProfile, {}, frits.token)).toEqual({ displayName: 'frits', bio: '', expertise: [], directory: false });
    const directory = await people(bert.token, { limit: 50 });
    expect(directory.nextCursor).toBeNull();
    expect(directory.items.map((p) => p.accountId)).not.toContain(frits.id);
  });

  it('saves a profile with expertise trimmed, folded and deduplicated, and changes only what is given', async () => {
    const saved = await identity.send(UpdateMyProfile, {
      displayName: '  Anna de Vries ', bio: ' Ik help met zonnepanelen. ', expertise: [' Zonnepanelen ', 'zonnepanelen', 'Moestuin   kweken', '', 'ZONNEPANELEN', 'Warmtepomp'], directory: true,
    }, anna.token);
    expect(saved).toEqual({ displayName: 'Anna de Vries', bio: 'Ik help met zonnepanelen.', expertise: ['Zonnepanelen', 'Moestuin kweken', 'Warmtepomp'], directory: true });
    expect(await identity.send(UpdateMyProfile, { bio: 'Zonnepanelen en isolatie.' }, anna.token)).toEqual({ ...saved, bio: 'Zonnepanelen en isolatie.' });
    expect((await identity.send(GetMe, {}, anna.token)).displayName).toBe('Anna de Vries');
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await identity.send(GetMyProfile, {}, anna.token);
    const tooMany = Array.from({ length: 21 }, (_, i) => `onderwerp ${i}`);
    for (const bad of [{ expertise: tooMany }, { expertise: ['x'.repeat(61)] }, { bio: 'x'.repeat(1001) }, { displayName: '   ' }, {}, { directory: 'ja' }, { email: 'a@b.nl' }]) {
      const error = await failure<DomainError>(identity.send(UpdateMyProfile, bad as never, anna.token));
      expect({ bad, status: error.statusCode }).toEqual({ bad, status: 400 });
    }
    expect(await identity.send(GetMyProfile, {}, anna.token)).toEqual(before);
    expect(await failure(identity.send(UpdateMyProfile, { bio: 'x' }))).toMatchObject({ statusCode: 401 });
  });

  it('lists only people of the region who opted in, never those who did not, nor a blocked account, nor another region', async () => {
    await identity.send(UpdateMyProfile, annaProfile, anna.token);
    await identity.send(UpdateMyProfile, { expertise: ['Zonnepanelen', 'Fietsen repareren'], directory: false }, bert.token); // expertise, but private
    await identity.send(UpdateMyProfile, { expertise: ['Breien'], directory: true }, carla.token);
    await identity.send(UpdateMyProfile, { expertise: ['Zonne-energie'], directory: true }, dirk.token);
    await identity.send(UpdateMyProfile, { expertise: ['Zonnepanelen'], directory: true }, gooi.token); // other region
    await identity.send(UpdateMyProfile, { expertise: ['Zonnepanelen'], directory: true }, eva.token);
    await identity.send(BlockAccount, { accountId: eva.id }, operator);

    expect(names(await people(bert.token))).toEqual(['Anna de Vries', 'carla', 'dirk']);
    expect(names(await people(bert.token, { expertise: 'ZONNE' }))).toEqual(['Anna de Vries', 'dirk']);
    expect(names(await people(bert.token, { expertise: 'fietsen' }))).toEqual([]); // Bert's own, private
    expect((await people(anna.token, { expertise: 'zonnepanelen' })).items).toEqual([
      { accountId: anna.id, displayName: 'Anna de Vries', bio: 'Zonnepanelen en isolatie.', expertise: ['Zonnepanelen', 'Moestuin kweken', 'Warmtepomp'] },
    ]);
    // LIKE's wildcards are taken literally.
    expect((await people(bert.token, { expertise: '%' })).items).toEqual([]);
    expect((await people(bert.token, { expertise: '_' })).items).toEqual([]);
    // Opting out takes a person out at once.
    await identity.send(UpdateMyProfile, { directory: false }, carla.token);
    expect(names(await people(bert.token))).toEqual(['Anna de Vries', 'dirk']);
    expect(names(await people(gooi.token, {}, 'gooi'))).toEqual(['gooise']);
  });

  it('shows a region’s directory to its own members only', async () => {
    expect(await failure<DomainError>(people(gooi.token))).toMatchObject({ statusCode: 403, code: 'PEOPLE_DIRECTORY_FORBIDDEN' });
    expect(await failure<DomainError>(people(operator))).toMatchObject({ statusCode: 403, code: 'PEOPLE_DIRECTORY_FORBIDDEN' });
    expect(await failure<DomainError>(identity.send(ListRegionPeople, { region: 'utrecht', limit: 5 }))).toMatchObject({ statusCode: 401 });
    expect(await failure<DomainError>(people(anna.token, {}, 'atlantis'))).toMatchObject({ statusCode: 404 });
  });

  it('pages by name, and refuses a cursor it did not make', async () => {
    await identity.send(UpdateMyProfile, annaProfile, anna.token);
    await identity.send(UpdateMyProfile, { directory: true }, carla.token);
    await identity.send(UpdateMyProfile, { directory: true }, dirk.token);
    const first = await people(bert.token, { limit: 2 });
    expect(names(first)).toEqual(['Anna de Vries', 'carla']);
    const second = await people(bert.token, { limit: 2, cursor: first.nextCursor! });
    expect(names(second)).toEqual(['dirk']);
    expect(second.nextCursor).toBeNull();
    expect(await failure<DomainError>(people(bert.token, { cursor: 'bm9vaXQ' }))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
  });

  it('keeps the profile beside the account: removing the account removes it', async () => {
    const hanna = await resident(identity, 'utrecht', 'hanna');
    await identity.send(UpdateMyProfile, { bio: 'Ik verhuis binnenkort.', expertise: ['Verhuizen'] }, hanna.token);
    expect(await query(scope, 'SELECT 1 FROM profiles WHERE account_id = $1', [hanna.id])).toHaveLength(1);
    await query(scope, 'DELETE FROM accounts WHERE id = $1', [hanna.id]);
    expect(await query(scope, 'SELECT 1 FROM profiles WHERE account_id = $1', [hanna.id])).toHaveLength(0);
  });
});
