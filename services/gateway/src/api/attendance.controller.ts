import { Controller } from '@nestjs/common';
import { AttendanceFigures, CancelActivity, CheckIn, GetCheckInCode, Id, RecordAttendance, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';
import { OccurrenceParams } from './activities.controller';

const CancelBody = CancelActivity.request.omit({ id: true });
/** The occurrence is in the path (`/occurrences/:start/…`), never in the body. */
const AttendanceBody = RecordAttendance.request.omit({ activityId: true, occurrenceStart: true });
const CheckInBody = CheckIn.request.omit({ activityId: true, occurrenceStart: true });
type OccurrenceAddress = { id: string; start: string };

/** Cancelling an activity, and who came: recorded by organisers or by checking in at the door. */
@Controller()
export class AttendanceController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'activities/:id/cancel', status: 200, contract: CancelActivity, params: { id: Id }, body: CancelBody, auth: 'required',
    summary: 'Annuleer een activiteit met een reden (organisator of communitybibliothecaris); aangemelden krijgen een bericht',
  })
  cancel(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof CancelActivity>, 'id'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CancelActivity, { ...body, id: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/attendance', status: 200, contract: RecordAttendance, params: { id: Id }, body: AttendanceBody, auth: 'required',
    summary: 'Leg vast of een aangemelde aanwezig was (organisator of communitybibliothecaris)',
  })
  record(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof RecordAttendance>, 'activityId' | 'occurrenceStart'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RecordAttendance, { ...body, activityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'activities/:id/check-in-code', contract: GetCheckInCode, params: { id: Id }, auth: 'required', summary: 'De incheckcode voor bij de deur (organisator of communitybibliothecaris)' })
  code(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetCheckInCode, { activityId: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'activities/:id/check-in', status: 200, contract: CheckIn, params: { id: Id }, body: CheckInBody, auth: 'required', summary: 'Check in met de code bij de deur' })
  checkIn(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof CheckIn>, 'activityId' | 'occurrenceStart'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CheckIn, { ...body, activityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'activities/:id/attendance', contract: AttendanceFigures, params: { id: Id }, auth: 'required', summary: 'Aangemeld, wachtlijst, aanwezig en niet gekomen (organisator of communitybibliothecaris)' })
  figures(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AttendanceFigures, { activityId: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/occurrences/:start/attendance', status: 200, contract: RecordAttendance, params: OccurrenceParams, body: AttendanceBody, auth: 'required',
    summary: 'Leg vast of een aangemelde bij één keer aanwezig was (organisator of communitybibliothecaris)',
  })
  recordOccurrence(@Input() { params, body }: RouteInput<OccurrenceAddress, never, { accountId: string; present: boolean }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RecordAttendance, { ...body, activityId: params.id, occurrenceStart: params.start }, meta);
  }

  @Route({
    method: 'GET', path: 'activities/:id/occurrences/:start/check-in-code', contract: GetCheckInCode, params: OccurrenceParams, auth: 'required',
    summary: 'De incheckcode van één keer (organisator of communitybibliothecaris)',
  })
  occurrenceCode(@Input() { params }: RouteInput<OccurrenceAddress>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetCheckInCode, { activityId: params.id, occurrenceStart: params.start }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/occurrences/:start/check-in', status: 200, contract: CheckIn, params: OccurrenceParams, body: CheckInBody, auth: 'required',
    summary: 'Check in bij één keer met de code bij de deur',
  })
  occurrenceCheckIn(@Input() { params, body }: RouteInput<OccurrenceAddress, never, { code: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CheckIn, { ...body, activityId: params.id, occurrenceStart: params.start }, meta);
  }

  @Route({
    method: 'GET', path: 'activities/:id/occurrences/:start/attendance', contract: AttendanceFigures, params: OccurrenceParams, auth: 'required',
    summary: 'Aangemeld, wachtlijst, aanwezig en niet gekomen bij één keer (organisator of communitybibliothecaris)',
  })
  occurrenceFigures(@Input() { params }: RouteInput<OccurrenceAddress>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AttendanceFigures, { activityId: params.id, occurrenceStart: params.start }, meta);
  }
}
