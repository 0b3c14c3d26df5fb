import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, GetRegionRetention, GetRegionSso, ListRegions, SetRegionRetention, SetRegionSso, type Region } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import type { z } from 'zod';
import { formValues, optionalText, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { managedRegion, managedRegionPath } from '../regions/managed-region';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { regionSettingsPage, regionSettingsText, RETENTION_FIELDS, SSO_FIELDS, type RefusedSettingsForm } from './region-settings.pages';

type RegionView = z.infer<typeof Region>;

/** A whole number as typed, else the text itself (the contract then words what is wrong). */
const wholeNumber = (value: string | undefined) => (value !== undefined && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : optionalText(value));

/**
 * Regio-instellingen: a region's library administrators (and the operator, for any region with
 * `?regio=`) set how long inactive accounts are kept (ADR 0039) and the library's OpenID
 * Connect provider for staff sign-in (ADR 0040). Identity decides who may; anyone else gets its
 * refusal as the page.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class RegionSettingsPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.regionSettings)
  async settings(@Web() web: WebContext, @Query('regio') regio: unknown, @Res() reply: FastifyReply) {
    const region = await managedRegion(this.rpc, web.meta, requireViewer(web), regio);
    return sendHtml(reply, await this.render(web, region));
  }

  @Post(Routes.regionRetention)
  async setRetention(@Web() web: WebContext, @Query('regio') regio: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = await managedRegion(this.rpc, web.meta, requireViewer(web), regio);
    const values = formValues(req.body);
    const input = { region: region.slug, inactiveAccountMonths: wholeNumber(values.inactiveAccountMonths) };
    const form = validateForm(SetRegionRetention.request, input, regionSettingsText(web.lang).retentionFields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, region, { form: 'retention', values, errors: form.errors }), 400);
    try {
      await this.rpc.send(SetRegionRetention, form.data, web.meta);
      return redirect(reply, withNotice(managedRegionPath(paths.regionSettings(), web.viewer, region), 'bewaartermijn-opgeslagen'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, RETENTION_FIELDS);
      return sendHtml(reply, await this.render(web, region, { form: 'retention', values, errors }), status);
    }
  }

  @Post(Routes.regionSso)
  async setSso(@Web() web: WebContext, @Query('regio') regio: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const region = await managedRegion(this.rpc, web.meta, requireViewer(web), regio);
    // The secret is never sent back to the page, not even after a refusal.
    const { clientSecret, ...values } = formValues(req.body);
    const input = { region: region.slug, issuer: values.issuer?.trim() ?? '', clientId: values.clientId ?? '', clientSecret: clientSecret || undefined, enabled: values.enabled === 'ja' };
    const form = validateForm(SetRegionSso.request, input, regionSettingsText(web.lang).ssoFields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, region, { form: 'sso', values, errors: form.errors }), 400);
    try {
      await this.rpc.send(SetRegionSso, form.data, web.meta);
      return redirect(reply, withNotice(managedRegionPath(paths.regionSettings(), web.viewer, region), 'inloggen-via-bibliotheek-opgeslagen'));
    } catch (error) {
      const fieldOfCode = { SSO_DISCOVERY_FAILED: 'issuer', SSO_ISSUER_NOT_HTTPS: 'issuer', SSO_CLIENT_SECRET_REQUIRED: 'clientSecret' };
      const { status, errors } = refusalOf(error, web.lang, fieldOfCode, SSO_FIELDS);
      return sendHtml(reply, await this.render(web, region, { form: 'sso', values, errors }), status);
    }
  }

  private async render(web: WebContext, region: RegionView, refused?: RefusedSettingsForm): Promise<string> {
    const [retention, sso, regions] = await Promise.all([
      this.rpc.send(GetRegionRetention, { region: region.slug }, web.meta),
      this.rpc.send(GetRegionSso, { region: region.slug }, web.meta).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'SSO_NOT_CONFIGURED') return null;
        throw error;
      }),
      web.viewer?.isOperator ? this.rpc.send(ListRegions, {}, web.meta) : Promise.resolve(null),
    ]);
    return regionSettingsPage(web, { region, retention, sso, regions: regions?.items, refused });
  }
}
