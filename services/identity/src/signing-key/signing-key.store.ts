import { createPrivateKey, createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { KeySource } from '@kc/auth';
import { SigningKey } from './signing-key.entity';

const generateRsaKeyPair = promisify(generateKeyPair);

/** Serialises first-start key generation between replicas (transaction-scoped advisory lock). */
const KEY_LOCK = "hashtext('kc:identity:signing-keys')";

/** Unknown key ids reload the table at most this often (a forged kid must not hammer the database). */
const RELOAD_INTERVAL_MS = 5_000;

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The public JWK of a key pair, as published in the JWKS. */
export function toPublicJwk(publicKey: KeyObject, kid: string): Record<string, unknown> {
  const { kty, n, e } = publicKey.export({ format: 'jwk' });
  return { kty, n, e, kid, alg: 'RS256', use: 'sig' };
}

/**
 * identity's own signing keys, read from its database: the active key signs tokens, and every
 * stored public key verifies them (identity's {@link KeySource}: it never asks itself over NATS).
 * On the first start a key pair is generated under an advisory lock, so two replicas starting
 * together end up with one active key (a partial unique index backs this up).
 */
@Injectable()
export class SigningKeyStore implements KeySource, OnApplicationBootstrap {
  private active?: ActiveSigningKey;
  private publicKeys = new Map<string, KeyObject>();
  private jwks: Record<string, unknown>[] = [];
  private loadedAt = 0;

  constructor(private readonly em: EntityManager) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureActiveKey();
  }

  /** Returns the active key, generating and storing the first one if there is none. */
  async ensureActiveKey(): Promise<ActiveSigningKey> {
    if (this.active) return this.active;
    const key = await this.em.fork().transactional(async (tx) => {
      await tx.execute(`SELECT pg_advisory_xact_lock(${KEY_LOCK})`);
      const existing = await tx.findOne(SigningKey, { active: true }, { populate: ['privateKeyPem'] });
      if (existing) return existing;
      const kid = uuidv7();
      const pair = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
      const created = new SigningKey(kid, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), toPublicJwk(pair.publicKey, kid));
      tx.persist(created);
      return created;
    });
    this.active = { kid: key.kid, privateKey: createPrivateKey(key.privateKeyPem) };
    await this.reload();
    return this.active;
  }

  async publicKey(kid: string): Promise<KeyObject | undefined> {
    if (!this.publicKeys.has(kid) && Date.now() - this.loadedAt > RELOAD_INTERVAL_MS) await this.reload();
    return this.publicKeys.get(kid);
  }

  /** The public keys as a JSON Web Key Set (`identity.auth.jwks`). */
  async publicJwks(): Promise<Record<string, unknown>[]> {
    if (!this.loadedAt) await this.reload();
    return this.jwks;
  }

  private async reload(): Promise<void> {
    const keys = await this.em.fork().find(SigningKey, {}, { orderBy: { createdAt: 'desc' } });
    this.jwks = keys.map((k) => k.publicJwk);
    this.publicKeys = new Map(keys.map((k) => [k.kid, createPublicKey({ key: k.publicJwk as JsonWebKey, format: 'jwk' })]));
    this.loadedAt = Date.now();
  }
}
