import { GetRegion, ListRegions, type Region, type RequestMeta } from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';
import type { z } from 'zod';
import { regionSlugParam } from '../layout/params';
import type { Viewer } from '../web-context';
import { WebErrors } from '../web-errors';

type RegionView = z.infer<typeof Region>;

/**
 * The region a management page (Medewerkers, Regio-instellingen) is about: a library
 * administrator's own region; the operator's choice (`?regio=`, the first region when none is
 * chosen). Whether the viewer may manage it is the owning service's decision.
 */
export async function managedRegion(rpc: RpcClient, meta: RequestMeta, viewer: Viewer, regio: unknown): Promise<RegionView> {
  if (!viewer.isOperator) {
    if (!viewer.region) throw WebErrors.pageNotFound();
    return viewer.region;
  }
  if (typeof regio === 'string') return rpc.send(GetRegion, { slug: regionSlugParam(regio) }, meta);
  const [first] = (await rpc.send(ListRegions, {}, meta)).items;
  if (!first) throw WebErrors.pageNotFound();
  return first;
}

/** The page's own address again, with the operator's choice of region kept. */
export function managedRegionPath(path: string, viewer: Viewer | null, region: RegionView): string {
  return viewer?.isOperator ? `${path}?regio=${encodeURIComponent(region.slug)}` : path;
}
