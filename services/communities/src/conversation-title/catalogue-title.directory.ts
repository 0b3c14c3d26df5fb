import { Injectable } from '@nestjs/common';
import { GetTitle, type RequestContext, type ResponseOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';

export type CatalogueTitleView = ResponseOf<typeof GetTitle>;

/**
 * The catalogue owns the region's collection: communities asks it whether a title exists in a
 * region (and what it is called) when a member adds it. The catalogue's own errors (404 when the
 * title is not in that region) and its unavailability (503/504) reach the caller as they are.
 */
@Injectable()
export class CatalogueTitleDirectory {
  constructor(private readonly rpc: RpcClient) {}

  titleIn(ctx: RequestContext, regionId: string, titleId: string): Promise<CatalogueTitleView> {
    return this.rpc.send(GetTitle, { id: titleId, regionId }, { correlationId: ctx.correlationId, lang: ctx.lang });
  }
}
