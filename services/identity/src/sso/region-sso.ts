import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { hasStaffRole, requireAccount } from '@kc/auth';
import { GetRegionSso, ListSsoRegions, SetRegionSso, type RequestContext, type RequestOf, type ResponseOf } from '@kc/contracts';
import { idempotent, MESSAGING_LOGGER, Rpc, type RpcCall } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { regionNotFound } from '../region/region.errors';
import { IdentityProviders, type ProviderSettings } from './identity-provider';
import { SecretBox } from './secret-box';
import { notRegionAdmin } from '../region/region.errors';
import { clientSecretRequired, discoveryFailed, ssoNotConfigured } from './sso.errors';

interface SsoRow {
  regionId: string;
  slug: string;
  regionName: string;
  issuer: string;
  clientId: string;
  sealedSecret: string;
  enabled: boolean;
  updatedAt: Date;
}

/** A region's provider as the sign-in needs it, the client secret opened. */
export interface RegionProvider extends ProviderSettings {
  regionId: string;
  slug: string;
  regionName: string;
}

const SELECT_SSO = `SELECT r.id AS "regionId", r.slug, r.name AS "regionName", s.issuer, s.client_id AS "clientId",
  s.client_secret_sealed AS "sealedSecret", s.enabled, s.updated_at AS "updatedAt"
  FROM regions r JOIN region_sso s ON s.region_id = r.id`;

/** Each region's OpenID Connect provider for staff sign-in, set by its library administrators or the operator. */
@Injectable()
export class RegionSsoService {
  private readonly box: SecretBox;

  constructor(
    private readonly em: EntityManager,
    private readonly providers: IdentityProviders,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {
    this.box = new SecretBox(config.SSO_SECRET_KEY);
  }

  async get(ctx: RequestContext, slug: string): Promise<ResponseOf<typeof GetRegionSso>> {
    const em = this.em.fork();
    await this.authorised(em, ctx, slug);
    const [row] = await sqlRows<SsoRow>(em, `${SELECT_SSO} WHERE r.slug = $1`, [slug]);
    if (!row) throw ssoNotConfigured();
    return view(row);
  }

  /**
   * Discovers the provider before anything is stored: a setting that cannot work is refused whole.
   * Without a client secret the stored one is kept (a form never shows it), so discovery uses
   * that one and the write leaves the column as it is.
   */
  async set(ctx: RequestContext, input: RequestOf<typeof SetRegionSso>): Promise<ResponseOf<typeof SetRegionSso>> {
    const em = this.em.fork();
    const region = await this.authorised(em, ctx, input.region);
    const clientSecret = input.clientSecret ?? (await this.storedSecret(em, region.id));
    const issuer = this.providers.normaliseIssuer(input.issuer);
    await this.providers.discover({ issuer, clientId: input.clientId, clientSecret }).catch((error: Error) => {
      this.logger.warn({ issuer, err: error.message, correlationId: ctx.correlationId }, 'OpenID Connect discovery failed');
      throw discoveryFailed(issuer);
    });
    return idempotent(this.em, ctx, 'region.sso', async (em) => {
      const region = await this.authorised(em, ctx, input.region);
      if (input.clientSecret === undefined) {
        const kept = await sqlRows(
          em,
          'UPDATE region_sso SET issuer = $2, client_id = $3, enabled = $4, updated_by = $5, updated_at = now() WHERE region_id = $1 RETURNING region_id',
          [region.id, issuer, input.clientId, input.enabled, ctx.accountId],
        );
        if (kept.length === 0) throw clientSecretRequired();
      } else {
        await sqlRows(
          em,
          `INSERT INTO region_sso (region_id, issuer, client_id, client_secret_sealed, enabled, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (region_id) DO UPDATE SET issuer = $2, client_id = $3, client_secret_sealed = $4, enabled = $5, updated_by = $6, updated_at = now()`,
          [region.id, issuer, input.clientId, this.box.seal(input.clientSecret), input.enabled, ctx.accountId],
        );
      }
      const [row] = await sqlRows<SsoRow>(em, `${SELECT_SSO} WHERE r.id = $1`, [region.id]);
      return view(row!);
    });
  }

  /** The region's stored client secret, opened (for a setting that keeps it); a 400 when none is stored. */
  private async storedSecret(em: EntityManager, regionId: string): Promise<string> {
    const [row] = await sqlRows<{ sealedSecret: string }>(em, 'SELECT client_secret_sealed AS "sealedSecret" FROM region_sso WHERE region_id = $1', [regionId]);
    if (!row) throw clientSecretRequired();
    return this.box.open(row.sealedSecret);
  }

  async listEnabled(): Promise<ResponseOf<typeof ListSsoRegions>> {
    const rows = await sqlRows<SsoRow>(this.em.fork(), `${SELECT_SSO} WHERE s.enabled ORDER BY r.name`);
    return { items: rows.map((row) => ({ slug: row.slug, name: row.regionName })) };
  }

  /** The enabled provider of a region (for signing in), or a 404. */
  async enabledProvider(slug: string): Promise<RegionProvider> {
    const [row] = await sqlRows<SsoRow>(this.em.fork(), `${SELECT_SSO} WHERE r.slug = $1 AND s.enabled`, [slug]);
    if (!row) throw ssoNotConfigured();
    return { regionId: row.regionId, slug: row.slug, regionName: row.regionName, issuer: row.issuer, clientId: row.clientId, clientSecret: this.box.open(row.sealedSecret) };
  }

  private async authorised(em: EntityManager, ctx: RequestContext, slug: string) {
    requireAccount(ctx);
    const [region] = await sqlRows<{ id: string }>(em, 'SELECT id FROM regions WHERE slug = $1', [slug]);
    if (!region) throw regionNotFound();
    if (!ctx.isOperator && !hasStaffRole(ctx, 'library_admin', region.id)) throw notRegionAdmin();
    return region;
  }
}

const view = (row: SsoRow) => ({
  region: row.slug, issuer: row.issuer, clientId: row.clientId, enabled: row.enabled, hasClientSecret: row.sealedSecret.length > 0,
  updatedAt: new Date(row.updatedAt).toISOString(),
});

@Controller()
export class RegionSsoController {
  constructor(private readonly sso: RegionSsoService) {}

  @Rpc(GetRegionSso)
  get(@Payload() { data, ctx }: RpcCall<typeof GetRegionSso>) {
    return this.sso.get(ctx, data.region);
  }

  @Rpc(SetRegionSso)
  set(@Payload() { data, ctx }: RpcCall<typeof SetRegionSso>) {
    return this.sso.set(ctx, data);
  }

  @Rpc(ListSsoRegions)
  list() {
    return this.sso.listEnabled();
  }
}
