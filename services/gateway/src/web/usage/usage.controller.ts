import { Controller, Get, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RpcClient } from '@kc/messaging';
import { loadOperatorUsage } from '../../usage/operator-usage';
import { Routes } from '../layout/paths';
import { sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { usagePage } from './usage.pages';

/** Gebruik per regio: the operator's figures (every service decides that the viewer is the operator). */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class UsagePagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.operatorUsage)
  async usage(@Web() web: WebContext, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, usagePage(web, await loadOperatorUsage(this.rpc, web.meta)));
  }
}
