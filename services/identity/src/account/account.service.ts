import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccountRegistered, regionReadOnly, type GetMe, type RequestContext, type RequestOf, type ResponseOf, type RegisterAccount } from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { EmailVerificationService } from '../email-verification/email-verification.service';
import { Region } from '../region/region.entity';
import { RegionService } from '../region/region.service';
import { staffRolesOf } from '../staff-role/staff-role.entity';
import { recordConsent } from '../consent/consent';
import { Account } from './account.entity';
import { accountNotFound, emailTaken } from './account.errors';
import { toMeResponse } from './account.responses';
import { PasswordHasher } from './password-hasher';

@Injectable()
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly regions: RegionService,
    private readonly passwords: PasswordHasher,
    private readonly verification: EmailVerificationService,
  ) {}

  /** A resident registers in a region; the event carries identifiers only. */
  async register(ctx: RequestContext, input: RequestOf<typeof RegisterAccount>): Promise<{ id: string }> {
    const region = await this.regions.get({ slug: input.region });
    if (region.status !== 'active') throw regionReadOnly();
    const email = input.email.toLowerCase();
    // Hash outside the transaction: argon2 is deliberately slow.
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await idempotent(this.em, ctx, 'account.register', async (em) => {
        if (await em.findOne(Account, { email })) throw emailTaken();
        const account = new Account({ email, passwordHash, displayName: input.displayName, regionId: region.id, termsVersion: input.acceptedTermsVersion });
        await em.persist(account).flush();
        await recordConsent(em, account.id, input.acceptedTermsVersion);
        await this.outbox.record(em, AccountRegistered, { accountId: account.id, regionId: region.id }, { ...originOf(ctx, region.id), actor: account.id });
        await this.verification.sendLink(em, account);
        return { id: account.id };
      });
    } catch (error) {
      // Two registrations with one address at the same moment: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }

  async me(ctx: RequestContext): Promise<ResponseOf<typeof GetMe>> {
    const { accountId } = requireAccount(ctx);
    const em = this.em.fork();
    const account = await em.findOne(Account, { id: accountId });
    if (!account) throw accountNotFound();
    const region = account.regionId ? await em.findOne(Region, { id: account.regionId }) : null;
    return toMeResponse(account, region, await staffRolesOf(em, account.id, account.regionId));
  }

  /**
   * Display names by id, for what services show beside contributions and member lists. Names
   * are what a person chose to show others; e-mail addresses never leave identity.
   */
  async names(ids: string[]): Promise<{ items: Array<{ id: string; displayName: string; regionId: string | null }> }> {
    const accounts = await this.em.fork().find(Account, { id: { $in: [...new Set(ids.map((id) => id.toLowerCase()))] } }, { fields: ['id', 'displayName', 'regionId'] });
    return { items: accounts.map((a) => ({ id: a.id, displayName: a.displayName, regionId: a.regionId })) };
  }

  findByEmail(email: string): Promise<Account | null> {
    return this.em.fork().findOne(Account, { email: email.toLowerCase() });
  }

  findById(id: string): Promise<Account | null> {
    return this.em.fork().findOne(Account, { id });
  }
}
