import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AddCommunityPartner, RemoveCommunityPartner, AddOrganisationMember, ChangeOrganisationMemberRole, CreateOrganisation, DomainError, GetOrganisation, ListOrganisationActivities, ListOrganisations, RemoveOrganisationMember, UpdateOrganisation } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { newOrganisationPage, organisationPage, organisationsPage, organisationText } from './organisations.pages';

/** Organisaties: the list, an organisation's page with its members, and the form for library administrators. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class OrganisationsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.organisations)
  async list(@Web() web: WebContext, @Res() reply: FastifyReply) {
    const { items } = await this.rpc.send(ListOrganisations, { limit: 100 }, web.meta);
    return sendHtml(reply, organisationsPage(web, items));
  }

  @Get(Routes.newOrganisation)
  newOrganisation(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, newOrganisationPage(web));
  }

  @Post(Routes.newOrganisation)
  async create(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const values = formValues(req.body);
    const form = validateForm(CreateOrganisation.request, { name: values.name, website: values.website, description: values.description ?? '' }, organisationText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, newOrganisationPage(web, { values, errors: form.errors }), 400);
    try {
      const { id } = await this.rpc.send(CreateOrganisation, form.data, web.meta);
      return redirect(reply, withNotice(paths.organisation(id), 'organisatie-aangemaakt'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { INVALID_WEBSITE: 'website', NOT_A_LIBRARY_ADMIN: 'name' }, ['name', 'website', 'description']);
      return sendHtml(reply, newOrganisationPage(web, { values, errors }), status);
    }
  }

  @Get(Routes.organisation)
  async page(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    return sendHtml(reply, await this.organisationPageOf(web, idParam(id)));
  }

  @Post(Routes.organisationMembers)
  async addMember(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const organisationId = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(AddOrganisationMember.request, { organisationId, accountId: values.accountId?.trim() ?? '', role: values.role ?? '' }, organisationText(web.lang).fields, web.lang);
    const render = async (errors: Record<string, string>, status: number) => sendHtml(reply, await this.organisationPageOf(web, organisationId, { values, errors }), status);
    if (!form.ok) return render(form.errors, 400);
    try {
      await this.rpc.send(AddOrganisationMember, form.data, web.meta);
      return redirect(reply, withNotice(paths.organisation(organisationId), 'lid-toegevoegd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { ACCOUNT_NOT_FOUND: 'accountId', ACCOUNT_OF_OTHER_REGION: 'accountId', ALREADY_ORGANISATION_MEMBER: 'accountId' }, ['accountId', 'role']);
      if (status === 403 || status === 404 && !errors.accountId) throw error;
      return render(errors, status);
    }
  }

  @Get(Routes.editOrganisation)
  async edit(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const org = await this.rpc.send(GetOrganisation, { id: idParam(id) }, web.meta);
    return sendHtml(reply, newOrganisationPage(web, {}, org));
  }

  @Post(Routes.editOrganisation)
  async update(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(UpdateOrganisation.request, { id, name: values.name, website: values.website, description: values.description ?? '' }, organisationText(web.lang).fields, web.lang);
    const render = async (errors: Record<string, string>, status: number) =>
      sendHtml(reply, newOrganisationPage(web, { values, errors }, await this.rpc.send(GetOrganisation, { id }, web.meta)), status);
    if (!form.ok) return render(form.errors, 400);
    try {
      await this.rpc.send(UpdateOrganisation, form.data, web.meta);
      return redirect(reply, withNotice(paths.organisation(id), 'organisatie-opgeslagen'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { INVALID_WEBSITE: 'website' }, ['name', 'website', 'description']);
      if (status === 403 || status === 404) throw error;
      return render(errors, status);
    }
  }

  @Post(Routes.organisationMemberRole)
  async changeRole(@Web() web: WebContext, @Param('id') idValue: string, @Param('persoon') accountValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const organisationId = idParam(idValue);
    const role = formValues(req.body).role === 'admin' ? 'admin' : 'member';
    return this.memberChange(web, reply, organisationId, 'rol-gewijzigd', () =>
      this.rpc.send(ChangeOrganisationMemberRole, { organisationId, accountId: idParam(accountValue), role }, web.meta));
  }

  @Post(Routes.removeOrganisationMember)
  async removeMember(@Web() web: WebContext, @Param('id') idValue: string, @Param('persoon') accountValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const organisationId = idParam(idValue);
    return this.memberChange(web, reply, organisationId, 'lid-weggehaald', () =>
      this.rpc.send(RemoveOrganisationMember, { organisationId, accountId: idParam(accountValue) }, web.meta));
  }

  /** A role change or removal; the last admin's refusal (409) is shown on the page, not as an error page. */
  private async memberChange(web: WebContext, reply: FastifyReply, organisationId: string, notice: 'rol-gewijzigd' | 'lid-weggehaald', change: () => Promise<unknown>) {
    try {
      await change();
      return redirect(reply, withNotice(paths.organisation(organisationId), notice));
    } catch (error) {
      if (!(error instanceof DomainError) || error.statusCode !== 409) throw error;
      return sendHtml(reply, await this.organisationPageOf(web, organisationId, { error: error.messages[web.lang] }), 409);
    }
  }

  /**
   * The organisation's page: its profile (communities decides what the viewer sees) and the
   * upcoming activities it co-hosts that the viewer may see (events decides; an organisation events
   * has not heard of yet co-hosts none).
   */
  private async organisationPageOf(web: WebContext, id: string, form?: Parameters<typeof organisationPage>[3]): Promise<string> {
    const [org, activities] = await Promise.all([
      this.rpc.send(GetOrganisation, { id }, web.meta),
      this.rpc.send(ListOrganisationActivities, { organisationId: id, limit: 20 }, web.meta).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'ORGANISATION_NOT_FOUND') return { items: [] };
        throw error;
      }),
    ]);
    return organisationPage(web, org, activities.items, form);
  }

  @Post(Routes.communityPartners)
  async addPartner(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    await this.rpc.send(AddCommunityPartner, { communityId, organisationId: idParam(formValues(req.body).organisationId ?? '') }, web.meta);
    return redirect(reply, withNotice(paths.community(communityId), 'partner-toegevoegd'));
  }

  @Post(Routes.removeCommunityPartner)
  async removePartner(@Web() web: WebContext, @Param('id') idValue: string, @Param('organisatie') organisationValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    try {
      await this.rpc.send(RemoveCommunityPartner, { communityId, organisationId: idParam(organisationValue) }, web.meta);
    } catch (error) {
      // Taken off already (a second click): the page shows how it stands now.
      if (!(error instanceof DomainError) || error.code !== 'PARTNER_NOT_FOUND') throw error;
    }
    return redirect(reply, withNotice(paths.community(communityId), 'partner-weggehaald'));
  }
}
