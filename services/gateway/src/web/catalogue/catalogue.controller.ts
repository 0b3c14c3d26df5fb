import type { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, GetImport, StartImport } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { CatalogueUploadService } from '../../catalogue/catalogue-upload.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { CSRF_FIELD, refusalOf } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { CsrfCheckedByHandler, Web, WebContextResolver, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer, WebErrors } from '../web-errors';
import { cataloguePage, catalogueText, importDone, importPage, renderImportProgress } from './catalogue.pages';
import { receiveUpload, sniffFormat } from './upload-form';

const STOP_POLLING = 286;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * Catalogus: a library administrator uploads a MARC21 or MARCXML file (streamed into the
 * object store like `POST /api/v1/catalogue/imports`, then `StartImport`) and follows the
 * import. The catalogue decides who may import.
 */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class CataloguePagesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: CatalogueUploadService,
    private readonly resolver: WebContextResolver,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(Routes.catalogue)
  catalogue(@Web() web: WebContext, @Res() reply: FastifyReply) {
    const viewer = requireViewer(web);
    if (!viewer.roles.includes('library_admin')) throw WebErrors.notYours();
    return sendHtml(reply, cataloguePage(web, viewer.region?.name ?? '', megabytes(this.config.CATALOGUE_UPLOAD_MAX_BYTES)));
  }

  @CsrfCheckedByHandler()
  @Post(Routes.catalogue)
  async upload(@Web() web: WebContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const viewer = requireViewer(web);
    const page = (errors: Record<string, string>, status: number) => {
      if (!req.raw.readableEnded) reply.header('connection', 'close'); // what is left of a refused upload is not read
      return sendHtml(reply, cataloguePage(web, viewer.region?.name ?? '', megabytes(this.config.CATALOGUE_UPLOAD_MAX_BYTES), errors), status);
    };
    if (!req.headers['content-type']?.startsWith('multipart/form-data') || typeof (req.body as Readable | undefined)?.pipe !== 'function') throw WebErrors.csrf();
    let received;
    try {
      received = await receiveUpload(req.body as Readable, req.headers, {
        fileField: 'file',
        beforeFile: (fields) => {
          if (!this.resolver.verifyCsrf(web, fields[CSRF_FIELD])) throw WebErrors.csrf();
        },
        handle: async (file) => {
          const sniffed = sniffFormat(file);
          const { importId } = await this.uploads.store(sniffed.stream);
          return { importId, format: sniffed.format() };
        },
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'FORM_EXPIRED') throw error;
      const { status, errors } = refusalOf(error, web.lang, {}, []);
      return page({ file: Object.values(errors)[0]! }, status);
    }
    if (!received.file) {
      if (!this.resolver.verifyCsrf(web, received.fields[CSRF_FIELD])) throw WebErrors.csrf();
      return page({ file: catalogueText(web.lang).chooseFile }, 400);
    }
    const { importId, format } = received.file;
    try {
      await this.rpc.send(StartImport, { importId, objectName: importId, format }, web.meta);
      return redirect(reply, withNotice(paths.catalogueImport(importId), 'import-gestart'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, []);
      return page({ file: Object.values(errors)[0]! }, status);
    }
  }

  @Get(Routes.catalogueImport)
  async importStatus(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, importPage(web, await this.rpc.send(GetImport, { id: idParam(id) }, web.meta)));
  }

  /** The progress section alone, for htmx while the import runs. */
  @Get(Routes.catalogueImportProgress)
  async importProgress(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const status = await this.rpc.send(GetImport, { id: idParam(id) }, web.meta);
    return sendHtml(reply, renderImportProgress(web.lang, status), importDone(status) ? STOP_POLLING : 200);
  }
}
