import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateBranch, CreateRoom, DomainError, ListBranches, RemoveBranch, RemoveRoom, UpdateBranch, type Region } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import type { z } from 'zod';
import { formValues, refusalOf, validateForm, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { BRANCH_FIELDS, branchField, branchesPage, branchesText, ROOM_FIELDS, roomField, type BranchesPageModel } from './branches.pages';

/**
 * Vestigingen en zalen: a library administrator adds the branches of their own region and the rooms in them,
 * and takes them away again (refused by the events service while a room is booked for a coming activity).
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class BranchesPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.branches)
  async branches(@Web() web: WebContext, @Res() reply: FastifyReply) {
    return sendHtml(reply, await this.render(web, this.regionOf(web)));
  }

  @Post(Routes.branches)
  async addBranch(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = this.regionOf(web);
    const values = formValues(req.body);
    const input = { region: region.slug, name: values.name, address: values.address, postcode: values.postcode, city: values.city };
    const form = validateForm(CreateBranch.request, input, branchesText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, region, { refused: { form: 'branch', values, errors: form.errors } }), 400);
    try {
      await this.rpc.send(CreateBranch, form.data, web.meta);
      return redirect(reply, withNotice(paths.branches(), 'vestiging-toegevoegd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { BRANCH_NAME_TAKEN: 'name' }, BRANCH_FIELDS);
      return sendHtml(reply, await this.render(web, region, { refused: { form: 'branch', values, errors } }), status);
    }
  }

  @Post(Routes.newRoom)
  async addRoom(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = this.regionOf(web);
    const branchId = idParam(idValue);
    const typed = formValues(req.body);
    // The form's fields carry the branch in their names (one form per branch on the page).
    const values: FormValues = { name: typed[roomField(branchId, 'name')] ?? '', capacity: typed[roomField(branchId, 'capacity')] ?? '' };
    const capacity = /^\d{1,9}$/.test(values.capacity!.trim()) ? Number(values.capacity) : values.capacity;
    const form = validateForm(CreateRoom.request, { branchId, name: values.name, capacity }, branchesText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, region, { refused: { form: branchId, values, errors: form.errors } }), 400);
    try {
      await this.rpc.send(CreateRoom, form.data, web.meta);
      return redirect(reply, withNotice(paths.branches(), 'zaal-toegevoegd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { ROOM_NAME_TAKEN: 'name' }, ROOM_FIELDS);
      return sendHtml(reply, await this.render(web, region, { refused: { form: branchId, values, errors } }), status);
    }
  }

  @Post(Routes.editBranch)
  async editBranch(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = this.regionOf(web);
    const id = idParam(idValue);
    const typed = formValues(req.body);
    const values: FormValues = Object.fromEntries(BRANCH_FIELDS.map((f) => [f, typed[branchField(id, f)] ?? '']));
    const form = validateForm(UpdateBranch.request, { id, ...values }, branchesText(web.lang).fields, web.lang);
    const refused = (errors: Record<string, string>) => ({ refused: { form: `edit:${id}`, values, errors } });
    if (!form.ok) return sendHtml(reply, await this.render(web, region, refused(form.errors)), 400);
    try {
      await this.rpc.send(UpdateBranch, form.data, web.meta);
      return redirect(reply, withNotice(paths.branches(), 'vestiging-gewijzigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { BRANCH_NAME_TAKEN: 'name' }, BRANCH_FIELDS);
      if (status === 403 || status === 404) throw error;
      return sendHtml(reply, await this.render(web, region, refused(errors)), status);
    }
  }

  @Post(Routes.removeBranch)
  async removeBranch(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    return this.remove(web, reply, () => this.rpc.send(RemoveBranch, { id: idParam(idValue) }, web.meta), 'vestiging-gesloten');
  }

  @Post(Routes.removeRoom)
  async removeRoom(@Web() web: WebContext, @Param('id') idValue: string, @Res() reply: FastifyReply) {
    return this.remove(web, reply, () => this.rpc.send(RemoveRoom, { id: idParam(idValue) }, web.meta), 'zaal-weggehaald');
  }

  private async remove(web: WebContext, reply: FastifyReply, send: () => Promise<unknown>, notice: 'vestiging-gesloten' | 'zaal-weggehaald') {
    const region = this.regionOf(web);
    try {
      await send();
      return redirect(reply, withNotice(paths.branches(), notice));
    } catch (error) {
      // Still booked, or not one's own: the page says why, beside the branches as they are.
      if (!(error instanceof DomainError) || error.statusCode >= 500 || error.statusCode === 404) throw error;
      return sendHtml(reply, await this.render(web, region, { problem: error.messages[web.lang] }), error.statusCode);
    }
  }

  /** The viewer's own region, for its library administrators; 404 for anyone else. */
  private regionOf(web: WebContext): z.infer<typeof Region> {
    const viewer = requireViewer(web);
    if (!viewer.region || !viewer.roles.includes('library_admin')) throw WebErrors.pageNotFound();
    return viewer.region;
  }

  private async render(web: WebContext, region: z.infer<typeof Region>, model: Omit<BranchesPageModel, 'region' | 'branches'> = {}): Promise<string> {
    const { items } = await this.rpc.send(ListBranches, { region: region.slug }, web.meta);
    return branchesPage(web, { region, branches: items, ...model });
  }
}
