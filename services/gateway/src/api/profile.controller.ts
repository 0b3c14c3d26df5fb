import { Controller } from '@nestjs/common';
import { GetMyProfile, ListRegionPeople, PeopleQuery, ProfileChanges, RegionSlug, UpdateMyProfile, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

/** Profiles and the people directory (identity decides who sees whom). */
@Controller()
export class ProfileController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({ method: 'GET', path: 'me/profile', contract: GetMyProfile, auth: 'required', summary: 'Je eigen profiel (standaard privé)' })
  mine(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetMyProfile, {}, meta);
  }

  @Route({
    method: 'PATCH', path: 'me/profile', contract: UpdateMyProfile, body: ProfileChanges, auth: 'required',
    summary: 'Wijzig je profiel: naam, over jezelf, trefwoorden van je kennis (vrije tekst) en of je in ‘Wie weet wat’ van je regio staat',
  })
  update(@Input() { body }: RouteInput<never, never, RequestOf<typeof UpdateMyProfile>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateMyProfile, body, meta);
  }

  @Route({
    method: 'GET', path: 'regions/:slug/people', contract: ListRegionPeople, params: { slug: RegionSlug }, query: PeopleQuery, auth: 'required',
    summary: 'Wie weet wat: de mensen van een regio die daarvoor kozen, op trefwoord (alleen voor leden van die regio)',
  })
  people(@Input() { params, query }: RouteInput<{ slug: string }, Omit<RequestOf<typeof ListRegionPeople>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListRegionPeople, { ...query, region: params.slug }, meta);
  }
}
