import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import jwt from 'jsonwebtoken';
import { GetJwks, type StaffRole } from '@kc/contracts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims } from '@kc/auth';
import { NatsNamespace } from '@kc/messaging';

/**
 * Stands in for the identity *service* (never for PostgreSQL, NATS or Redis) in one service's
 * integration tests: it answers `identity.auth.jwks` on the real NATS in the test's namespace
 * and signs real RS256 tokens, so the service under test verifies them exactly as in production.
 */
export class TestIdentity {
  private readonly kid = `test-${randomUUID()}`;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private nc?: NatsConnection;
  private sub?: Subscription;

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
        // The wire format of @nestjs/microservices' NATS transport.
        const packet = msg.json<{ id: string }>();
        msg.respond(JSON.stringify({ id: packet.id, response: { keys: [jwk] }, isDisposed: true }));
      },
    });
    await this.nc.flush();
    return this;
  }

  token(claims: { accountId?: string; regionId?: string | null; roles?: StaffRole[]; operator?: boolean } = {}, expiresIn = 3600): string {
    const payload: AccessClaims = { sub: claims.accountId ?? randomUUID(), rid: claims.regionId ?? null, roles: claims.roles ?? [], op: claims.operator ?? false };
    return jwt.sign(payload, this.privateKey, { algorithm: 'RS256', keyid: this.kid, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn });
  }

  async stop(): Promise<void> {
    this.sub?.unsubscribe();
    await this.nc?.close();
  }
}
