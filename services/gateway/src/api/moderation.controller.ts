import { Controller } from '@nestjs/common';
import {
  DismissReport, HideContent, Id, ListReports, ModerationReason, ReportContent, RestoreContent,
  type ModeratedTargetType, type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { z } from 'zod';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const HideBody = z.object({ reason: ModerationReason }).strict();
type IdInput = RouteInput<{ id: string }>;
type HideInput = RouteInput<{ id: string }, never, { reason: string }>;

/**
 * Reports on content and moderating it. Reporting the same target twice is one report: 201 with
 * the same id (and `alreadyReported: true`). Who may moderate is decided by communities.
 */
@Controller()
export class ModerationController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'reports', status: 201, contract: ReportContent, body: ReportContent.request, auth: 'required',
    summary: 'Meld een bijdrage, gesprek, media-link of themacollectie bij de moderatoren (wie het kan zien); twee keer melden is één melding',
  })
  report(@Input() { body }: RouteInput<never, never, RequestOf<typeof ReportContent>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ReportContent, body, meta);
  }

  @Route({
    method: 'GET', path: 'communities/:id/reports', contract: ListReports, params: { id: Id }, auth: 'required',
    summary: 'De open meldingen van de community, per gemelde inhoud (organisatoren, moderatoren, communitybibliothecarissen)',
  })
  list(@Input() { params }: IdInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListReports, { communityId: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'reports/:id/dismiss', status: 200, contract: DismissReport, params: { id: Id }, auth: 'required',
    summary: 'Wijs de open meldingen van deze inhoud af zonder te verbergen',
  })
  dismiss(@Input() { params }: IdInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(DismissReport, { reportId: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'contributions/:id/hide', status: 200, contract: HideContent, params: { id: Id }, body: HideBody, auth: 'required', summary: 'Verberg een bijdrage met een reden (moderatoren)' })
  hideContribution(@Input() input: HideInput, @Meta() meta: RequestMeta) {
    return this.hide('contribution', input, meta);
  }

  @Route({ method: 'POST', path: 'contributions/:id/restore', status: 200, contract: RestoreContent, params: { id: Id }, auth: 'required', summary: 'Zet een verborgen bijdrage terug (moderatoren)' })
  restoreContribution(@Input() input: IdInput, @Meta() meta: RequestMeta) {
    return this.restore('contribution', input, meta);
  }

  @Route({ method: 'POST', path: 'conversations/:id/hide', status: 200, contract: HideContent, params: { id: Id }, body: HideBody, auth: 'required', summary: 'Verberg een gesprek met een reden (moderatoren)' })
  hideConversation(@Input() input: HideInput, @Meta() meta: RequestMeta) {
    return this.hide('conversation', input, meta);
  }

  @Route({ method: 'POST', path: 'conversations/:id/restore', status: 200, contract: RestoreContent, params: { id: Id }, auth: 'required', summary: 'Zet een verborgen gesprek terug (moderatoren)' })
  restoreConversation(@Input() input: IdInput, @Meta() meta: RequestMeta) {
    return this.restore('conversation', input, meta);
  }

  @Route({ method: 'POST', path: 'media/:id/hide', status: 200, contract: HideContent, params: { id: Id }, body: HideBody, auth: 'required', summary: 'Verberg een media-link met een reden (moderatoren)' })
  hideMedia(@Input() input: HideInput, @Meta() meta: RequestMeta) {
    return this.hide('media', input, meta);
  }

  @Route({ method: 'POST', path: 'media/:id/restore', status: 200, contract: RestoreContent, params: { id: Id }, auth: 'required', summary: 'Zet een verborgen media-link terug (moderatoren)' })
  restoreMedia(@Input() input: IdInput, @Meta() meta: RequestMeta) {
    return this.restore('media', input, meta);
  }

  @Route({ method: 'POST', path: 'collections/:id/hide', status: 200, contract: HideContent, params: { id: Id }, body: HideBody, auth: 'required', summary: 'Verberg een themacollectie met een reden (moderatoren)' })
  hideCollection(@Input() input: HideInput, @Meta() meta: RequestMeta) {
    return this.hide('collection', input, meta);
  }

  @Route({ method: 'POST', path: 'collections/:id/restore', status: 200, contract: RestoreContent, params: { id: Id }, auth: 'required', summary: 'Zet een verborgen themacollectie terug (moderatoren)' })
  restoreCollection(@Input() input: IdInput, @Meta() meta: RequestMeta) {
    return this.restore('collection', input, meta);
  }

  private hide(targetType: ModeratedTargetType, { params, body }: HideInput, meta: RequestMeta) {
    return this.rpc.send(HideContent, { targetType, targetId: params.id, reason: body.reason }, meta);
  }

  private restore(targetType: ModeratedTargetType, { params }: IdInput, meta: RequestMeta) {
    return this.rpc.send(RestoreContent, { targetType, targetId: params.id }, meta);
  }
}

