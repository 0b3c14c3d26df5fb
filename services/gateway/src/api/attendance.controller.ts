import { Controller } from '@nestjs/common';
import { AttendanceFigures, CancelActivity, CheckIn, GetCheckInCode, Id, RecordAttendance, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const CancelBody = CancelActivity.request.omit({ id: true });
const AttendanceBody = RecordAttendance.request.omit({ activityId: true });
const CheckInBody = CheckIn.request.omit({ activityId: true });

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
  record(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof RecordAttendance>, 'activityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RecordAttendance, { ...body, activityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'activities/:id/check-in-code', contract: GetCheckInCode, params: { id: Id }, auth: 'required', summary: 'De incheckcode voor bij de deur (organisator of communitybibliothecaris)' })
  code(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetCheckInCode, { activityId: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'activities/:id/check-in', status: 200, contract: CheckIn, params: { id: Id }, body: CheckInBody, auth: 'required', summary: 'Check in met de code bij de deur' })
  checkIn(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof CheckIn>, 'activityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CheckIn, { ...body, activityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'activities/:id/attendance', contract: AttendanceFigures, params: { id: Id }, auth: 'required', summary: 'Aangemeld, wachtlijst, aanwezig en niet gekomen (organisator of communitybibliothecaris)' })
  figures(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AttendanceFigures, { activityId: params.id }, meta);
  }
}
