import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GrantStaffRole, ListRegions, ListStaffRoles, RevokeStaffRole, type Region } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import type { z } from 'zod';
import { formValues, optionalText, refusalOf, validateForm, type FieldErrors, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { managedRegion, managedRegionPath } from '../regions/managed-region';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type Viewer, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { STAFF_FIELDS, staffPage, staffText } from './staff.pages';

/**
 * Medewerkers: a library administrator appoints community librarians and library
 * administrators of their own region by e-mail address, sees who holds which role and
 * revokes it; the operator does the same for any region (`?regio=`). Identity decides.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class StaffPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.staff)
  async staff(@Web() web: WebContext, @Query('regio') regio: unknown, @Res() reply: FastifyReply) {
    return sendHtml(reply, await this.render(web, await this.regionOf(web, requireViewer(web), regio)));
  }

  @Post(Routes.staff)
  async grant(@Web() web: WebContext, @Query('regio') regio: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = await this.regionOf(web, requireViewer(web), regio);
    const values = formValues(req.body);
    const form = validateForm(GrantStaffRole.request, { region: region.slug, email: values.email ?? '', role: optionalText(values.role), reason: optionalText(values.reason) }, staffText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, region, values, form.errors), 400);
    try {
      await this.rpc.send(GrantStaffRole, form.data, web.meta);
      return redirect(reply, withNotice(this.back(web, region), 'rol-gegeven'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { ACCOUNT_NOT_FOUND: 'email', ACCOUNT_NOT_IN_REGION: 'email' }, STAFF_FIELDS);
      return sendHtml(reply, await this.render(web, region, values, errors), status);
    }
  }

  @Post(Routes.revokeStaff)
  async revoke(@Web() web: WebContext, @Query('regio') regio: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = await this.regionOf(web, requireViewer(web), regio);
    const values = formValues(req.body);
    const form = validateForm(RevokeStaffRole.request, { region: region.slug, accountId: values.accountId, role: values.role }, {}, web.lang);
    if (!form.ok) throw WebErrors.pageNotFound();
    try {
      await this.rpc.send(RevokeStaffRole, form.data, web.meta);
      return redirect(reply, withNotice(this.back(web, region), 'rol-ingetrokken'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, []);
      return sendHtml(reply, await this.render(web, region, {}, errors), status);
    }
  }

  private back(web: WebContext, region: z.infer<typeof Region>): string {
    return managedRegionPath(paths.staff(), web.viewer, region);
  }

  private regionOf(web: WebContext, viewer: Viewer, regio: unknown): Promise<z.infer<typeof Region>> {
    return managedRegion(this.rpc, web.meta, viewer, regio);
  }

  private async render(web: WebContext, region: z.infer<typeof Region>, values?: FormValues, errors?: FieldErrors): Promise<string> {
    const [staff, regions] = await Promise.all([
      this.rpc.send(ListStaffRoles, { region: region.slug }, web.meta),
      web.viewer?.isOperator ? this.rpc.send(ListRegions, {}, web.meta) : Promise.resolve(null),
    ]);
    return staffPage(web, { region, staff: staff.items, regions: regions?.items, values, errors });
  }
}
