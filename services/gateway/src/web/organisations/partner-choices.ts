import { GetRegion, ListOrganisations, type RequestMeta } from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';

/**
 * The organisations a community (regional or national) or one of its activities may name
 * partner: those of the community's region and the national ones — what communities and events
 * accept, whoever is looking (the operator and an organiser from another region included; the
 * viewer's own region is not the question). `region` is the community's region when the page
 * already read it.
 */
export async function partnerChoices(rpc: Pick<RpcClient, 'send'>, meta: RequestMeta, community: { regionId: string }, region?: { slug: string } | null) {
  const slug = region?.slug ?? (await rpc.send(GetRegion, { id: community.regionId }, meta)).slug;
  return (await rpc.send(ListOrganisations, { region: slug, limit: 100 }, meta)).items;
}
