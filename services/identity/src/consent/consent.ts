import { Controller, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { requireAccount } from '@kc/auth';
import { AcceptTerms, type RequestContext, type RequestOf, type ResponseOf } from '@kc/contracts';
import { idempotent, Rpc, type RpcCall } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { EntityManager } from '@mikro-orm/postgresql';
import { accountNotFound } from '../account/account.errors';

/** Records that an account accepted a version of the terms and privacy statement (the account keeps the latest, `consents` every one). */
export async function recordConsent(em: EntityManager, accountId: string, termsVersion: string): Promise<Date | null> {
  const [row] = await sqlRows<{ acceptedAt: Date }>(
    em,
    `WITH latest AS (UPDATE accounts SET terms_version = $2, terms_accepted_at = now() WHERE id = $1 AND erased_at IS NULL RETURNING id)
     INSERT INTO consents (account_id, terms_version) SELECT id, $2 FROM latest
     ON CONFLICT (account_id, terms_version) DO UPDATE SET accepted_at = consents.accepted_at RETURNING accepted_at AS "acceptedAt"`,
    [accountId, termsVersion],
  );
  return row?.acceptedAt ?? null;
}

@Injectable()
export class ConsentService {
  constructor(private readonly em: EntityManager) {}

  accept(ctx: RequestContext, { acceptedTermsVersion }: RequestOf<typeof AcceptTerms>): Promise<ResponseOf<typeof AcceptTerms>> {
    const { accountId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'consent.accept', async (em) => {
      const acceptedAt = await recordConsent(em, accountId, acceptedTermsVersion);
      if (!acceptedAt) throw accountNotFound();
      return { termsVersion: acceptedTermsVersion, acceptedAt: new Date(acceptedAt).toISOString() };
    });
  }
}

@Controller()
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  @Rpc(AcceptTerms)
  accept(@Payload() { data, ctx }: RpcCall<typeof AcceptTerms>) {
    return this.consents.accept(ctx, data);
  }
}
