import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { GetJwks } from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';

/** Where the public keys that verify access tokens come from. */
export interface KeySource {
  publicKey(kid: string): Promise<KeyObject | undefined>;
}
export const KEY_SOURCE = Symbol('kc:key-source');

/**
 * identity's JWKS, fetched over request/reply and cached; an unknown key id (after a key
 * rotation) triggers at most one refetch per 30 s.
 */
export class RemoteJwksKeySource implements KeySource {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private inflight?: Promise<void>;

  constructor(private readonly rpc: RpcClient, private readonly maxAgeMs = 10 * 60_000) {}

  async publicKey(kid: string): Promise<KeyObject | undefined> {
    const stale = Date.now() - this.fetchedAt > this.maxAgeMs;
    const unknownAndMayRefetch = !this.keys.has(kid) && Date.now() - this.fetchedAt > 30_000;
    if (stale || unknownAndMayRefetch) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const jwks = await this.rpc.send(GetJwks, {}, { correlationId: 'jwks-refresh', lang: 'nl' });
        this.keys = new Map(jwks.keys.map((jwk) => [String(jwk.kid), createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })]));
        this.fetchedAt = Date.now();
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }
}
