import { Injectable, Logger } from '@nestjs/common';
import { AccountNames, DomainError, type RequestContext } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';

const UNKNOWN = { nl: 'Onbekend lid', en: 'Unknown member' } as const;

/**
 * Display names live in identity only (events carry ids, never names): communities asks for
 * the names of the people on a page when it answers. Without identity the page still answers,
 * with "Onbekend lid" beside each contribution, rather than not at all.
 */
@Injectable()
export class AccountNameDirectory {
  private readonly logger = new Logger(AccountNameDirectory.name);

  constructor(private readonly rpc: RpcClient) {}

  async namesOf(ctx: RequestContext, ids: Iterable<string>): Promise<(id: string) => string> {
    const unique = [...new Set(ids)];
    const names = new Map<string, string>();
    for (let i = 0; i < unique.length; i += 200) {
      try {
        const { items } = await this.rpc.send(AccountNames, { ids: unique.slice(i, i + 200) }, { correlationId: ctx.correlationId, lang: ctx.lang });
        for (const item of items) names.set(item.id, item.displayName);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`display names unavailable (${error.code}); answering with "${UNKNOWN.nl}"`);
      }
    }
    return (id) => names.get(id) ?? UNKNOWN[ctx.lang];
  }

  /** An account's name and region, or null when identity knows no such account; identity away is a 503. */
  async lookup(ctx: RequestContext, id: string): Promise<{ displayName: string; regionId: string | null } | null> {
    const { items } = await this.rpc.send(AccountNames, { ids: [id] }, { correlationId: ctx.correlationId, lang: ctx.lang });
    const found = items.find((item) => item.id === id.toLowerCase());
    return found ? { displayName: found.displayName, regionId: found.regionId ?? null } : null;
  }
}
