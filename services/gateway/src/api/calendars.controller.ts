import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CalendarFeedToken, GetCalendarFeed, PersonalCalendar, RegionActivities, RegionCalendar, RegionSlug, RotateCalendarFeed,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const RegionActivitiesQuery = RegionActivities.request.omit({ region: true });
const FeedUrl = z.object({ url: z.url() });

/** The personal feed's address on this site (as the request reached it: behind the ingress with TRUST_PROXY). */
export const feedUrl = (req: FastifyRequest, token: string) => `${req.protocol}://${req.host}/api/v1/calendar-feeds/${token}/calendar.ics`;

const sendCalendar = (reply: FastifyReply, ics: string) => {
  reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="calendar.ics"').header('cache-control', 'private, max-age=300');
  return ics;
};

/** Calendars across communities: a region's, and each person's own feed. */
@Controller()
export class CalendarsController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'GET', path: 'regions/:slug/activities', contract: RegionActivities, params: { slug: RegionSlug }, query: RegionActivitiesQuery, auth: 'optional',
    summary: 'De agenda van een regio in een periode: openbare activiteiten en die van jouw communities',
  })
  region(@Input() { params, query }: RouteInput<{ slug: string }, Omit<RequestOf<typeof RegionActivities>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RegionActivities, { ...query, region: params.slug }, meta);
  }

  @Route({
    method: 'GET', path: 'regions/:slug/calendar.ics', contract: RegionCalendar, params: { slug: RegionSlug }, produces: 'text/calendar',
    summary: 'De openbare activiteiten van een regio als iCalendar (RFC 5545, met VTIMEZONE en STATUS)',
  })
  async regionFeed(@Input() { params }: RouteInput<{ slug: string }>, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCalendar(reply, (await this.rpc.send(RegionCalendar, { region: params.slug }, meta)).ics);
  }

  @Route({ method: 'GET', path: 'me/calendar-feed', contract: GetCalendarFeed, response: FeedUrl, auth: 'required', summary: 'Het geheime adres van je persoonlijke agenda-feed' })
  async feed(@Input() _input: RouteInput, @Meta() meta: RequestMeta, @Req() req: FastifyRequest) {
    return { url: feedUrl(req, (await this.rpc.send(GetCalendarFeed, {}, meta)).token) };
  }

  @Route({
    method: 'POST', path: 'me/calendar-feed/rotate', status: 200, contract: RotateCalendarFeed, response: FeedUrl, auth: 'required',
    summary: 'Een nieuw adres voor je agenda-feed; het oude werkt meteen niet meer',
  })
  async rotate(@Input() _input: RouteInput, @Meta() meta: RequestMeta, @Req() req: FastifyRequest) {
    return { url: feedUrl(req, (await this.rpc.send(RotateCalendarFeed, {}, meta)).token) };
  }

  @Route({
    method: 'GET', path: 'calendar-feeds/:token/calendar.ics', contract: PersonalCalendar, params: { token: CalendarFeedToken }, produces: 'text/calendar',
    summary: 'Een persoonlijke agenda-feed (het adres is de sleutel)',
  })
  async personal(@Input() { params }: RouteInput<{ token: string }>, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCalendar(reply, (await this.rpc.send(PersonalCalendar, { token: params.token }, meta)).ics);
  }
}
