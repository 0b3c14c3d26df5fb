import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  CancelRsvp, CommunityCalendar, Empty, GetActivity, Id, IsoDateTime, ListActivities, ListAttendees, ListOccurrences, MyActivities, Rsvp, ScheduleActivity,
  UpdateActivity, UpdateOccurrence,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const ScheduleActivityBody = ScheduleActivity.request.omit({ communityId: true });
const ListActivitiesQuery = ListActivities.request.omit({ communityId: true });
const UpdateActivityBody = UpdateActivity.request.omit({ id: true });
const OccurrencesQuery = ListOccurrences.request.omit({ activityId: true });
const UpdateOccurrenceBody = UpdateOccurrence.request.omit({ activityId: true, start: true });
/** An occurrence is addressed by its activity and its original start (an ISO 8601 instant). */
export const OccurrenceParams = { id: Id, start: IsoDateTime };
type OccurrenceAddress = { id: string; start: string };

@Controller()
export class ActivitiesController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'communities/:id/activities', contract: ScheduleActivity, params: { id: Id }, body: ScheduleActivityBody, auth: 'required',
    summary: 'Plan een activiteit (organisator van de community of communitybibliothecaris van de regio)',
  })
  schedule(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof ScheduleActivity>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ScheduleActivity, { ...body, communityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/activities', contract: ListActivities, params: { id: Id }, query: ListActivitiesQuery, auth: 'optional', summary: 'De activiteitenkalender van een community' })
  list(@Input() { params, query }: RouteInput<{ id: string }, Omit<RequestOf<typeof ListActivities>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListActivities, { ...query, communityId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'communities/:id/calendar.ics', contract: CommunityCalendar, params: { id: Id }, produces: 'text/calendar', auth: 'optional',
    summary: 'De kalender van een community als iCalendar (RFC 5545, met TZID)',
  })
  async calendar(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    const { ics } = await this.rpc.send(CommunityCalendar, { communityId: params.id }, meta);
    reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="calendar.ics"');
    return ics;
  }

  @Route({ method: 'GET', path: 'activities/:id', contract: GetActivity, params: { id: Id }, auth: 'optional', summary: 'Eén activiteit, met je eigen aanmelding' })
  get(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetActivity, { id: params.id }, meta);
  }

  @Route({
    method: 'PATCH', path: 'activities/:id', contract: UpdateActivity, params: { id: Id }, body: UpdateActivityBody, auth: 'required',
    summary: 'Wijzig een activiteit: het aantal plaatsen of de zaal (organisator of communitybibliothecaris); meer plaatsen gaan meteen naar de wachtlijst',
  })
  update(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof UpdateActivity>, 'id'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateActivity, { ...body, id: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/rsvp', contract: Rsvp, params: { id: Id }, body: Empty, auth: 'required',
    summary: 'Meld je aan voor een activiteit: een plaats (going) of, als die vol is, de wachtlijst met je positie',
  })
  rsvp(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(Rsvp, { activityId: params.id }, meta);
  }

  @Route({
    method: 'DELETE', path: 'activities/:id/rsvp', contract: CancelRsvp, params: { id: Id }, auth: 'required',
    summary: 'Meld je af; je plaats gaat meteen naar de eerste op de wachtlijst',
  })
  async cancelRsvp(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(CancelRsvp, { activityId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'activities/:id/attendees', contract: ListAttendees, params: { id: Id }, auth: 'required',
    summary: 'Wie er komen en wie er wachten, in volgorde (organisator of communitybibliothecaris van de regio)',
  })
  attendees(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListAttendees, { activityId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'activities/:id/occurrences', contract: ListOccurrences, params: { id: Id }, query: OccurrencesQuery, auth: 'optional',
    summary: 'De keren dat een activiteit plaatsvindt (vanaf nu, of in een periode), met je eigen aanmelding per keer',
  })
  occurrences(@Input() { params, query }: RouteInput<{ id: string }, Omit<RequestOf<typeof ListOccurrences>, 'activityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListOccurrences, { ...query, activityId: params.id }, meta);
  }

  @Route({
    method: 'PATCH', path: 'activities/:id/occurrences/:start', contract: UpdateOccurrence, params: OccurrenceParams, body: UpdateOccurrenceBody, auth: 'required',
    summary: 'Annuleer één keer van een herhaalde activiteit ({cancelled: true}) of verplaats die ({startsAt, endsAt}) (organisator of communitybibliothecaris)',
  })
  updateOccurrence(@Input() { params, body }: RouteInput<OccurrenceAddress, never, Omit<RequestOf<typeof UpdateOccurrence>, 'activityId' | 'start'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateOccurrence, { ...body, activityId: params.id, start: params.start }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/occurrences/:start/rsvp', contract: Rsvp, params: OccurrenceParams, body: Empty, auth: 'required',
    summary: 'Meld je aan voor één keer van een activiteit: een plaats of de wachtlijst van die keer',
  })
  rsvpOccurrence(@Input() { params }: RouteInput<OccurrenceAddress>, @Meta() meta: RequestMeta) {
    return this.rpc.send(Rsvp, { activityId: params.id, occurrenceStart: params.start }, meta);
  }

  @Route({
    method: 'DELETE', path: 'activities/:id/occurrences/:start/rsvp', contract: CancelRsvp, params: OccurrenceParams, auth: 'required',
    summary: 'Meld je af voor één keer; je plaats gaat meteen naar de eerste op de wachtlijst van die keer',
  })
  async cancelOccurrenceRsvp(@Input() { params }: RouteInput<OccurrenceAddress>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(CancelRsvp, { activityId: params.id, occurrenceStart: params.start }, meta);
  }

  @Route({
    method: 'GET', path: 'activities/:id/occurrences/:start/attendees', contract: ListAttendees, params: OccurrenceParams, auth: 'required',
    summary: 'Wie er bij één keer komen en wie er wachten (organisator of communitybibliothecaris van de regio)',
  })
  occurrenceAttendees(@Input() { params }: RouteInput<OccurrenceAddress>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListAttendees, { activityId: params.id, occurrenceStart: params.start }, meta);
  }

  @Route({ method: 'GET', path: 'me/activities', contract: MyActivities, query: MyActivities.request, auth: 'required', summary: 'Mijn activiteiten, met mijn aanmelding (komt, of plaats op de wachtlijst)' })
  mine(@Input() { query }: RouteInput<never, RequestOf<typeof MyActivities>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(MyActivities, query, meta);
  }
}
