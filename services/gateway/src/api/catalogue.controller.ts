import type { Readable } from 'node:stream';
import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetImport, Id, SearchTitles, StartImport, SuggestBrinkmanTerms, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { CatalogueUploadService } from '../catalogue/catalogue-upload.service';
import { CATALOGUE_MEDIA_TYPES, catalogueFormatOf } from '../http/body-parsers';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const StartImportQuery = StartImport.request.pick({ region: true });

@Controller()
export class CatalogueController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly uploads: CatalogueUploadService,
  ) {}

  @Route({
    method: 'POST', path: 'catalogue/imports', status: 202, contract: StartImport, query: StartImportQuery, consumes: Object.keys(CATALOGUE_MEDIA_TYPES), auth: 'required',
    summary: 'Upload een catalogusbestand (MARCXML of MARC21) en start de import; de landelijke beheerder kiest de regio met ?region=',
  })
  async startImport(
    @Input() { query, body }: RouteInput<never, Pick<RequestOf<typeof StartImport>, 'region'>, Readable>,
    @Meta() meta: RequestMeta,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const format = catalogueFormatOf(req.headers['content-type'])!;
    const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
    try {
      const { importId } = await this.uploads.store(body, Number.isFinite(declared) ? declared : undefined);
      return await this.rpc.send(StartImport, { importId, objectName: importId, format, region: query.region }, meta);
    } catch (error) {
      // What is left of a refused upload is not read: close the connection after the reply.
      if (!req.raw.readableEnded) reply.header('connection', 'close');
      throw error;
    }
  }

  @Route({ method: 'GET', path: 'catalogue/imports/:id', contract: GetImport, params: { id: Id }, auth: 'required', summary: 'Voortgang en fouten van een catalogusimport' })
  getImport(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetImport, { id: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'catalogue/titles', contract: SearchTitles, query: SearchTitles.request, auth: 'optional', summary: 'Zoek in de bibliotheekcatalogus van je regio' })
  searchTitles(@Input() { query }: RouteInput<never, RequestOf<typeof SearchTitles>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(SearchTitles, query, meta);
  }

  @Route({
    method: 'GET', path: 'thesaurus/brinkman', contract: SuggestBrinkmanTerms, query: SuggestBrinkmanTerms.request, auth: 'optional',
    summary: 'Onderwerpstermen uit de Brinkman-thesaurus voor wat je typt (begin van de term eerst, dan het begin van een woord; hoofdletters en accenten tellen niet); bevat OCLC-informatie onder de ODC Attribution-licentie',
  })
  async suggestBrinkman(@Input() { query }: RouteInput<never, RequestOf<typeof SuggestBrinkmanTerms>>, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    const answer = await this.rpc.send(SuggestBrinkmanTerms, query, meta);
    // The same for everyone and changed only by a deployment: a browser may reuse it for an hour (typing back and forth).
    reply.header('cache-control', 'public, max-age=3600');
    return answer;
  }
}
