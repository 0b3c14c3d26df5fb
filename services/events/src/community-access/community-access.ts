import { Injectable } from '@nestjs/common';
import { CommunityAccess, type RequestMeta, type ResponseOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';

export type CommunityAccessView = ResponseOf<typeof CommunityAccess>;

/**
 * Asks communities what the caller may do in a community, on the caller's behalf: the incoming
 * token travels along so communities decides with the same verified identity. When communities
 * is unavailable the RpcClient answers 503/504.
 */
@Injectable()
export class CommunityAccessClient {
  constructor(private readonly rpc: RpcClient) {}

  of(communityId: string, meta: RequestMeta): Promise<CommunityAccessView> {
    const { token, correlationId, lang } = meta;
    return this.rpc.send(CommunityAccess, { communityId }, { token, correlationId, lang });
  }
}

/** Organisers of the community and community librarians of its region plan and run its activities. */
export const mayManage = (access: CommunityAccessView): boolean => access.role === 'organiser' || access.isRegionStaff;

/** A member of the community in any role, or a community librarian of its region. */
export const belongsTo = (access: CommunityAccessView): boolean => access.canRead && (access.role !== null || access.isRegionStaff);
