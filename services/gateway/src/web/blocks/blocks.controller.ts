import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BlockMember, DomainError, GetCommunity, ListBlocks, ListMembers, UnblockMember } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { formValues, refusalOf, validateForm, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { blocksPage, blockText } from './blocks.pages';

/** Geblokkeerde personen: organisers, moderators and the region's community librarians block and unblock. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class BlocksPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.blocks)
  async page(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.render(web, idParam(id)));
  }

  @Post(Routes.blocks)
  async block(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(BlockMember.request, { communityId, accountId: values.accountId ?? '', reason: values.reason ?? '' }, blockText(web.lang).fields, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, communityId, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(BlockMember, form.data, web.meta);
      return redirect(reply, withNotice(paths.blocks(communityId), 'geblokkeerd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { CANNOT_BLOCK_ORGANISER: 'accountId', CANNOT_BLOCK_YOURSELF: 'accountId', CANNOT_BLOCK_ROLE: 'accountId' }, ['accountId', 'reason']);
      if (status === 404 || (error as DomainError).code === 'NOT_A_MODERATOR') throw error;
      return sendHtml(reply, await this.render(web, communityId, { values, errors }), status);
    }
  }

  @Post(Routes.unblock)
  async unblock(@Web() web: WebContext, @Param('id') idValue: string, @Param('persoon') accountValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const communityId = idParam(idValue);
    try {
      await this.rpc.send(UnblockMember, { communityId, accountId: idParam(accountValue) }, web.meta);
    } catch (error) {
      // Lifted already (a second click): the page shows how it stands now.
      if (!(error instanceof DomainError) || error.code !== 'BLOCK_NOT_FOUND') throw error;
    }
    return redirect(reply, withNotice(paths.blocks(communityId), 'blokkade-opgeheven'));
  }

  private async render(web: WebContext, communityId: string, form: { values?: FormValues; errors?: Record<string, string> } = {}): Promise<string> {
    const [community, blocks, members] = await Promise.all([
      this.rpc.send(GetCommunity, { id: communityId }, web.meta),
      this.rpc.send(ListBlocks, { communityId }, web.meta),
      this.rpc.send(ListMembers, { communityId, limit: 200 }, web.meta),
    ]);
    return blocksPage(web, community, blocks.items, members.items, form);
  }
}
