import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetMyProfile, GetRegion, ListRegionPeople, PeopleQuery, UpdateMyProfile } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { regionSlugParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { expertiseFromField, peoplePage, peopleText, PROFILE_FIELDS, profilePage, profileText, profileValues } from './profile.pages';

const PAGE_SIZE = 20;

/**
 * Mijn profiel (edit one's own profile, private by default) and Wie weet wat (a region's
 * people directory). Identity decides who sees whom.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ProfilePagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.myProfile)
  async profile(@Web() web: WebContext, @Res() reply: FastifyReply) {
    const viewer = requireViewer(web);
    const profile = await this.rpc.send(GetMyProfile, {}, web.meta);
    return sendHtml(reply, profilePage(web, { values: profileValues(profile), region: viewer.region }));
  }

  @Post(Routes.myProfile)
  async save(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const viewer = requireViewer(web);
    const values = formValues(req.body);
    const changes = {
      displayName: values.displayName ?? '', bio: values.bio ?? '', expertise: expertiseFromField(values.expertise),
      ...(viewer.region ? { directory: values.directory === 'ja' } : {}),
    };
    const form = validateForm(UpdateMyProfile.request, changes, profileText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, profilePage(web, { values, errors: form.errors, region: viewer.region }), 400);
    try {
      await this.rpc.send(UpdateMyProfile, form.data, web.meta);
      return redirect(reply, withNotice(paths.myProfile(), 'profiel-opgeslagen'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, PROFILE_FIELDS);
      return sendHtml(reply, profilePage(web, { values, errors, region: viewer.region }), status);
    }
  }

  @Get(Routes.people)
  async people(@Web() web: WebContext, @Param('slug') slug: string, @Query('kennis') kennis: unknown, @Query('na') na: unknown, @Res() reply: FastifyReply) {
    requireViewer(web);
    const region = await this.rpc.send(GetRegion, { slug: regionSlugParam(slug) }, web.meta);
    if (na !== undefined && (typeof na !== 'string' || na.length > 300)) throw WebErrors.pageNotFound();
    const term = typeof kennis === 'string' ? kennis : undefined;
    const query = validateForm(PeopleQuery, { expertise: term, limit: PAGE_SIZE, ...(na ? { cursor: na } : {}) }, { expertise: peopleText(web.lang).search }, web.lang);
    if (!query.ok) {
      const errors = { kennis: Object.values(query.errors)[0]! };
      return sendHtml(reply, peoplePage(web, { region, people: { items: [], nextCursor: null }, term, paged: false, errors }), 400);
    }
    const people = await this.rpc.send(ListRegionPeople, { ...query.data, region: region.slug }, web.meta);
    return sendHtml(reply, peoplePage(web, { region, people, term: query.data.expertise || undefined, paged: !!na }));
  }
}
