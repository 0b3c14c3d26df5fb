import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  beforeAll(() => hasher.onModuleInit());

  it('hashes with argon2id and verifies the right password only', async () => {
    const hash = await hasher.hash('correct-paard-batterij');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash).not.toContain('correct-paard-batterij');
    await expect(hasher.verify(hash, 'correct-paard-batterij')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'verkeerd-paard-batterij')).resolves.toBe(false);
  });

  it('refuses when there is no account, after the same argon2 work', async () => {
    await expect(hasher.verify(undefined, 'correct-paard-batterij')).resolves.toBe(false);
  });

  it('refuses (does not throw) on a corrupt stored hash', async () => {
    await expect(hasher.verify('geen-hash', 'wat-dan-ook')).resolves.toBe(false);
  });
});
