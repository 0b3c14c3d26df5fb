import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import jwt from 'jsonwebtoken';
import type { KV } from '@nats-io/kv';
import { AccountNames, GetJwks, MAX_ACCESS_TOKEN_SECONDS, type AccessEntry, type EndedSessionEntry, type RegionEntry, type StaffRole } from '@kc/contracts';
import { openAccessBucket, openRegionsBucket, openSessionsBucket, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims } from '@kc/auth';
import { NatsNamespace } from '@kc/messaging';

/**
 * Stands in for the identity *service* (never for PostgreSQL, NATS or Redis) in one service's
 * integration tests: it answers `identity.auth.jwks` on the real NATS in the test's namespace
 * and signs real RS256 tokens, so the service under test verifies them exactly as in production.
 * Roles, operator status, blocks and ended sessions go where identity puts them: the buckets that
 * the service under test watches (`InProcessService.send` waits until the service has seen them).
 */
export class TestIdentity {
  private readonly kid = `test-${randomUUID()}`;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private nc?: NatsConnection;
  private sub?: Subscription;
  private namesSub?: Subscription;
  private readonly displayNames = new Map<string, { displayName: string; regionId?: string | null }>();
  private access?: KV;
  private regions?: KV;
  private sessions?: KV;
  private version = 0;

  constructor(private readonly namespace: string, private readonly natsUrl = 'nats://127.0.0.1:4222') {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  async start(): Promise<this> {
    this.nc = await connect({ servers: this.natsUrl });
    const subject = new NatsNamespace(this.namespace).subject(GetJwks.pattern);
    const jwk = { ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' };
    this.sub = this.nc.subscribe(subject, {
      callback: (_err, msg) => {
        // The wire format of @nestjs/microservices' NATS transport (NatsRpcServer's too).
        const packet = msg.json<{ id: string }>();
        msg.respond(JSON.stringify({ id: packet.id, response: { keys: [jwk] }, isDisposed: true }));
      },
    });
    // identity.account.names: the display names given with name(), unknown ids left out.
    this.namesSub = this.nc.subscribe(new NatsNamespace(this.namespace).subject(AccountNames.pattern), {
      callback: (_err, msg) => {
        const packet = msg.json<{ id: string; data: { data: { ids: string[] } } }>();
        const items = packet.data.data.ids.filter((id) => this.displayNames.has(id)).map((id) => ({ id, ...this.displayNames.get(id)! }));
        msg.respond(JSON.stringify({ id: packet.id, response: { items }, isDisposed: true }));
      },
    });
    await this.nc.flush();
    this.access = await openAccessBucket(this.nc, new NatsNamespace(this.namespace));
    this.regions = await openRegionsBucket(this.nc, new NatsNamespace(this.namespace));
    this.sessions = await openSessionsBucket(this.nc, new NatsNamespace(this.namespace));
    return this;
  }

  /** A signed token (of `sessionId` when given); roles, operator status or a block are recorded in the access bucket first. */
  async token(
    claims: { accountId?: string; regionId?: string | null; sessionId?: string; roles?: StaffRole[]; operator?: boolean; blocked?: boolean } = {},
    expiresIn = MAX_ACCESS_TOKEN_SECONDS,
  ): Promise<string> {
    const payload: AccessClaims = { sub: claims.accountId ?? randomUUID(), rid: claims.regionId ?? null, ...(claims.sessionId ? { sid: claims.sessionId } : {}) };
    if (claims.roles?.length || claims.operator || claims.blocked) {
      await this.setAccess(payload.sub, { regionId: payload.rid, roles: claims.roles ?? [], operator: claims.operator ?? false, blocked: claims.blocked ?? false });
    }
    return jwt.sign(payload, this.privateKey, { algorithm: 'RS256', keyid: this.kid, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn });
  }

  /** Gives an account the display name (and region) identity answers for it (identity.account.names). */
  name(accountId: string, displayName: string, regionId?: string | null): this {
    this.displayNames.set(accountId, regionId === undefined ? { displayName } : { displayName, regionId });
    return this;
  }

  /** Changes what an account may do, as identity would (a later call wins). */
  async setAccess(accountId: string, access: Omit<AccessEntry, 'accountId' | 'version'>): Promise<void> {
    const entry: AccessEntry = { accountId, ...access, version: ++this.version };
    await this.access!.put(accountId, JSON.stringify(entry));
  }

  /** Ends a session, as identity does at a logout: its tokens are refused from then on. */
  async endSession(sessionId: string, accountId: string): Promise<void> {
    const entry: EndedSessionEntry = { sessionId, accountId, until: new Date(Date.now() + MAX_ACCESS_TOKEN_SECONDS * 1000).toISOString() };
    await this.sessions!.put(sessionId, JSON.stringify(entry));
  }

  /** Suspends or reinstates a region's licence, as identity would. */
  async setRegionStatus(regionId: string, status: RegionEntry['status'], slug = 'regio'): Promise<void> {
    const entry: RegionEntry = { regionId, slug, status, version: ++this.version };
    await this.regions!.put(regionId, JSON.stringify(entry));
  }

  async stop(): Promise<void> {
    this.sub?.unsubscribe();
    this.namesSub?.unsubscribe();
    await this.nc?.close();
  }
}
