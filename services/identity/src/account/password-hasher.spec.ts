import argon2 from 'argon2';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  beforeAll(() => hasher.onModuleInit());

  it('hashes with argon2id and verifies the right password only', async () => {
    const hash = await hasher.hash('correct-paard-batterij');
    // PHC string: $argon2id$v=19$<params>$<salt>$<hash>; the library may write the parameters in any order.
    const [, type, version, params] = hash.split('$');
    expect({ type, version, params: Object.fromEntries(params.split(',').map((p) => p.split('='))) }).toEqual({ type: 'argon2id', version: 'v=19', params: { m: '19456', t: '2', p: '1' } });
    expect(hash).not.toContain('correct-paard-batterij');
    await expect(hasher.verify(hash, 'correct-paard-batterij')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'verkeerd-paard-batterij')).resolves.toBe(false);
  });

  it('still verifies a hash made with the earlier, heavier parameters', async () => {
    const old = await argon2.hash('oud-wachtwoord-123', { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await expect(hasher.verify(old, 'oud-wachtwoord-123')).resolves.toBe(true);
  });

  it('refuses when there is no account, after the same argon2 work', async () => {
    await expect(hasher.verify(undefined, 'correct-paard-batterij')).resolves.toBe(false);
  });

  it('refuses (does not throw) on a corrupt stored hash', async () => {
    await expect(hasher.verify('geen-hash', 'wat-dan-ook')).resolves.toBe(false);
  });
});
