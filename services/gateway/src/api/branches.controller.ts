import { Controller } from '@nestjs/common';
import {
  CreateBranch, CreateRoom, Id, ListBranches, ListRooms, RegionSlug, RemoveBranch, RemoveRoom, UpdateBranch, UpdateRoom,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const CreateBranchBody = CreateBranch.request.omit({ region: true });
const UpdateBranchBody = UpdateBranch.request.omit({ id: true });
const CreateRoomBody = CreateRoom.request.omit({ branchId: true });
const UpdateRoomBody = UpdateRoom.request.omit({ id: true });

/** A region's branches (vestigingen) and their rooms (zalen), managed by its library administrators. */
@Controller()
export class BranchesController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'regions/:slug/branches', contract: CreateBranch, params: { slug: RegionSlug }, body: CreateBranchBody, auth: 'required',
    summary: 'Voeg een vestiging toe met naam en adres (postcode 1234 AB) (bibliotheekbeheerder van de regio)',
  })
  create(@Input() { params, body }: RouteInput<{ slug: string }, never, Omit<RequestOf<typeof CreateBranch>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateBranch, { ...body, region: params.slug }, meta);
  }

  @Route({ method: 'GET', path: 'regions/:slug/branches', contract: ListBranches, params: { slug: RegionSlug }, auth: 'optional', summary: 'De vestigingen van een regio met hun zalen' })
  list(@Input() { params }: RouteInput<{ slug: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListBranches, { region: params.slug }, meta);
  }

  @Route({
    method: 'PATCH', path: 'branches/:id', contract: UpdateBranch, params: { id: Id }, body: UpdateBranchBody, auth: 'required',
    summary: 'Wijzig de naam of het adres van een vestiging (bibliotheekbeheerder van de regio); komende activiteiten tonen het nieuwe adres',
  })
  update(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof UpdateBranch>, 'id'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateBranch, { ...body, id: params.id }, meta);
  }

  @Route({
    method: 'DELETE', path: 'branches/:id', contract: RemoveBranch, params: { id: Id }, auth: 'required',
    summary: 'Sluit een vestiging met haar zalen (bibliotheekbeheerder van de regio); 409 zolang een zaal geboekt is voor een komende activiteit',
  })
  async remove(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveBranch, { id: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'branches/:id/rooms', contract: CreateRoom, params: { id: Id }, body: CreateRoomBody, auth: 'required',
    summary: 'Voeg een zaal toe aan een vestiging, met het aantal mensen dat erin past (bibliotheekbeheerder van de regio)',
  })
  createRoom(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof CreateRoom>, 'branchId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateRoom, { ...body, branchId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'branches/:id/rooms', contract: ListRooms, params: { id: Id }, auth: 'optional', summary: 'De zalen van een vestiging' })
  listRooms(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListRooms, { branchId: params.id }, meta);
  }

  @Route({
    method: 'PATCH', path: 'rooms/:id', contract: UpdateRoom, params: { id: Id }, body: UpdateRoomBody, auth: 'required',
    summary: 'Wijzig de naam of de capaciteit van een zaal (bibliotheekbeheerder van de regio); niet kleiner dan een komende activiteit erin',
  })
  updateRoom(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof UpdateRoom>, 'id'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateRoom, { ...body, id: params.id }, meta);
  }

  @Route({
    method: 'DELETE', path: 'rooms/:id', contract: RemoveRoom, params: { id: Id }, auth: 'required',
    summary: 'Haal een zaal weg (bibliotheekbeheerder van de regio); 409 ROOM_IN_USE zolang ze geboekt is voor een komende activiteit',
  })
  async removeRoom(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveRoom, { id: params.id }, meta);
  }
}
