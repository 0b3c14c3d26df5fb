import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddCommunityPartner, AddOrganisationMember, ChangeOrganisationMemberRole, CreateOrganisation, GetOrganisation, ListCommunityPartners, ListOrganisations,
  RemoveCommunityPartner, RemoveOrganisationMember, UpdateOrganisation,
} from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { CommunityPartnerService } from './community-partner.service';
import { OrganisationMemberService } from './organisation-member.service';
import { OrganisationService } from './organisation.service';

@Controller()
export class OrganisationController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly members: OrganisationMemberService,
    private readonly partners: CommunityPartnerService,
  ) {}

  @Rpc(CreateOrganisation)
  create(@Payload() { data, ctx }: RpcCall<typeof CreateOrganisation>) {
    return this.organisations.create(ctx, data);
  }

  @Rpc(GetOrganisation)
  get(@Payload() { data, ctx }: RpcCall<typeof GetOrganisation>) {
    return this.organisations.get(ctx, data.id);
  }

  @Rpc(ListOrganisations)
  list(@Payload() { data, ctx }: RpcCall<typeof ListOrganisations>) {
    return this.organisations.list(ctx, data);
  }

  @Rpc(UpdateOrganisation)
  update(@Payload() { data, ctx }: RpcCall<typeof UpdateOrganisation>) {
    return this.organisations.update(ctx, data);
  }

  @Rpc(AddOrganisationMember)
  addMember(@Payload() { data, ctx }: RpcCall<typeof AddOrganisationMember>) {
    return this.members.add(ctx, data);
  }

  @Rpc(ChangeOrganisationMemberRole)
  changeRole(@Payload() { data, ctx }: RpcCall<typeof ChangeOrganisationMemberRole>) {
    return this.members.changeRole(ctx, data);
  }

  @Rpc(RemoveOrganisationMember)
  removeMember(@Payload() { data, ctx }: RpcCall<typeof RemoveOrganisationMember>) {
    return this.members.remove(ctx, data);
  }

  @Rpc(AddCommunityPartner)
  addPartner(@Payload() { data, ctx }: RpcCall<typeof AddCommunityPartner>) {
    return this.partners.add(ctx, data);
  }

  @Rpc(RemoveCommunityPartner)
  removePartner(@Payload() { data, ctx }: RpcCall<typeof RemoveCommunityPartner>) {
    return this.partners.remove(ctx, data);
  }

  @Rpc(ListCommunityPartners)
  listPartners(@Payload() { data, ctx }: RpcCall<typeof ListCommunityPartners>) {
    return this.partners.list(ctx, data.communityId);
  }
}
