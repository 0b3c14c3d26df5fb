import { Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AccountNames, AddActivityPartner, AttendanceFigures, ListBranches, CancelActivity, CancelRsvp, CheckIn, DomainError, GetActivity, GetCheckInCode, GetCommunity, ListActivityPartners, ListAttendees, ListCohosts, ListOccurrences, RecordAttendance, RemoveActivityPartner, Rsvp,
  ScheduleActivity, UpdateActivity, UpdateOccurrence, type ResponseOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { AMSTERDAM, localToInstant } from '../layout/dates';
import { formValues, optionalText, refusalOf, validateForm, type FormValues } from '../layout/forms';
import { withNotice } from '../layout/notices';
import { idParam } from '../layout/params';
import { paths, Routes } from '../layout/paths';
import { redirect, sendHtml } from '../layout/respond';
import { Web, WebGuard, type WebContext } from '../web-context';
import { WebErrorFilter } from '../web-error.filter';
import { requireViewer } from '../web-errors';
import { ACTIVITY_FIELDS, activityPage, activityText, mayManage, newActivityPage } from './activities.pages';
import { attendeesPage, attendeesText } from './attendees.pages';
import { recurrenceRule } from './occurrences.pages';
import { partnerChoices } from '../organisations/partner-choices';

type OccurrenceView = ResponseOf<typeof ListOccurrences>['items'][number];

const SERVICE_FIELD_OF_CODE = {
  LOCATION_REQUIRED: 'location', ONLINE_URL_REQUIRED: 'onlineUrl', INVALID_TIME_RANGE: 'endsAt', ACTIVITY_TOO_LONG: 'endsAt', START_OUT_OF_RANGE: 'startsAt',
  ROOM_NOT_FOUND: 'roomId', ROOM_OF_OTHER_REGION: 'roomId', ROOM_FOR_ONLINE_ACTIVITY: 'roomId', ROOM_AND_LOCATION: 'location', ROOM_TAKEN: 'roomId', CAPACITY_ABOVE_ROOM: 'capacity',
  RRULE_WITHOUT_END: 'repeatCount', RRULE_TOO_LONG: 'repeatCount', INVALID_RRULE: 'repeatCount', RRULE_UNSUPPORTED: 'repeat', RRULE_START_MISMATCH: 'repeat',
};
/** Coming occurrences shown on a series' page. */
const OCCURRENCES_SHOWN = 26;
/** The occurrence a form is about (hidden field `keer`: its original start); absent for a single activity. */
const occurrenceOf = (values: FormValues) => optionalText(values.keer);
const attendeesOf = (id: string, keer?: string) => (keer ? `${paths.attendees(id)}?keer=${encodeURIComponent(keer)}` : paths.attendees(id));

/**
 * The form as ScheduleActivity reads it: wall-clock times in Dutch time become instants (a time
 * that does not exist stays as typed, so the schema refuses it by name), empty optional fields
 * are left out, the number of places is a number when it is one.
 */
export function scheduleInput(communityId: string, values: FormValues) {
  const instant = (value: string | undefined) => (value ? localToInstant(value, AMSTERDAM) ?? value : undefined);
  const capacity = optionalText(values.capacity);
  const startsAt = instant(values.startsAt);
  const rrule = recurrenceRule(values.repeat, values.repeatCount, startsAt, AMSTERDAM);
  return {
    communityId,
    title: values.title,
    description: values.description ?? '',
    startsAt,
    endsAt: instant(values.endsAt),
    timeZone: AMSTERDAM,
    mode: optionalText(values.mode),
    location: optionalText(values.location),
    onlineUrl: optionalText(values.onlineUrl),
    capacity: capacity === undefined ? undefined : /^\d{1,9}$/.test(capacity.trim()) ? Number(capacity) : capacity,
    recurrence: rrule ? { rrule } : undefined,
    roomId: optionalText(values.roomId),
  };
}

/** Activiteit plannen, an activity's page and Aanmelden. */
@ApiExcludeController()
@UseGuards(WebGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class ActivitiesPagesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(Routes.newActivity)
  async newActivity(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const community = await this.rpc.send(GetCommunity, { id: idParam(id) }, web.meta);
    return sendHtml(reply, newActivityPage(web, community, { branches: await this.branchesOf(web) }));
  }

  @Post(Routes.newActivity)
  async schedule(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const community = await this.rpc.send(GetCommunity, { id: idParam(idValue) }, web.meta);
    const values = formValues(req.body);
    const form = validateForm(ScheduleActivity.request, scheduleInput(community.id, values), activityText(web.lang).fields, web.lang);
    const branches = await this.branchesOf(web);
    if (!form.ok) return sendHtml(reply, newActivityPage(web, community, { values, errors: form.errors, branches }), 400);
    try {
      const { id } = await this.rpc.send(ScheduleActivity, form.data, web.meta);
      return redirect(reply, withNotice(paths.activity(id), 'activiteit-gepland'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, SERVICE_FIELD_OF_CODE, ACTIVITY_FIELDS);
      return sendHtml(reply, newActivityPage(web, community, { values, errors, branches }), status);
    }
  }

  @Get(Routes.activity)
  async activity(@Web() web: WebContext, @Param('id') id: string, @Res() reply: FastifyReply) {
    return sendHtml(reply, await this.render(web, idParam(id)));
  }

  @Post(Routes.rsvp)
  async rsvp(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const occurrenceStart = occurrenceOf(formValues(req.body));
    try {
      const { status } = await this.rpc.send(Rsvp, { activityId: id, ...(occurrenceStart ? { occurrenceStart } : {}) }, web.meta);
      return redirect(reply, withNotice(paths.activity(id), status === 'waitlisted' ? 'wachtlijst' : 'aangemeld'));
    } catch (error) {
      // Full or ended: the activity's page says so, beside what it shows.
      if (!(error instanceof DomainError) || error.statusCode === 404 || error.statusCode >= 500) throw error;
      return sendHtml(reply, await this.render(web, id, error.messages[web.lang]), error.statusCode);
    }
  }

  @Post(Routes.cancelRsvp)
  async cancelRsvp(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const occurrenceStart = occurrenceOf(formValues(req.body));
    try {
      await this.rpc.send(CancelRsvp, { activityId: id, ...(occurrenceStart ? { occurrenceStart } : {}) }, web.meta);
      return redirect(reply, withNotice(paths.activity(id), 'afgemeld'));
    } catch (error) {
      if (!(error instanceof DomainError) || error.statusCode >= 500 || error.code === 'ACTIVITY_NOT_FOUND') throw error;
      return sendHtml(reply, await this.render(web, id, error.messages[web.lang]), error.statusCode);
    }
  }

  @Get(Routes.attendees)
  async attendees(@Web() web: WebContext, @Param('id') id: string, @Query('keer') keer: unknown, @Res() reply: FastifyReply) {
    requireViewer(web);
    return sendHtml(reply, await this.renderAttendees(web, idParam(id), {}, typeof keer === 'string' && keer ? keer : undefined));
  }

  @Post(Routes.cancelOccurrence)
  async cancelOccurrence(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    return this.changeOccurrence(web, reply, id, values, { activityId: id, start: values.keer ?? '', cancelled: true as const }, 'keer-geannuleerd');
  }

  @Post(Routes.moveOccurrence)
  async moveOccurrence(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const instant = (value: string | undefined) => (value ? localToInstant(value, AMSTERDAM) ?? value : undefined);
    return this.changeOccurrence(web, reply, id, values, { activityId: id, start: values.keer ?? '', startsAt: instant(values.startsAt), endsAt: instant(values.endsAt) }, 'keer-verplaatst');
  }

  @Post(Routes.activityCapacity)
  async capacity(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const typed = optionalText(values.capacity);
    const input = { id, capacity: typed === undefined ? null : /^\d{1,9}$/.test(typed.trim()) ? Number(typed) : typed };
    const form = validateForm(UpdateActivity.request, input, { capacity: attendeesText(web.lang).capacity }, web.lang);
    if (!form.ok) return sendHtml(reply, await this.renderAttendees(web, id, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(UpdateActivity, form.data, web.meta);
      return redirect(reply, withNotice(paths.attendees(id), 'plaatsen-gewijzigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { CAPACITY_BELOW_GOING: 'capacity' }, ['capacity']);
      if (status === 403 || status === 404) throw error;
      return sendHtml(reply, await this.renderAttendees(web, id, { values, errors }), status);
    }
  }

  @Post(Routes.activityRoom)
  async room(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(UpdateActivity.request, { id, roomId: optionalText(values.roomId) ?? null }, { roomId: activityText(web.lang).roomField }, web.lang);
    if (!form.ok) return sendHtml(reply, await this.renderAttendees(web, id, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(UpdateActivity, form.data, web.meta);
      return redirect(reply, withNotice(paths.attendees(id), 'zaal-gewijzigd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, SERVICE_FIELD_OF_CODE, ['roomId']);
      if (status === 403 || (status === 404 && !(error as DomainError).code.startsWith('ROOM'))) throw error;
      return sendHtml(reply, await this.renderAttendees(web, id, { values, errors }), status);
    }
  }

  @Post(Routes.cancelActivity)
  async cancelActivity(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const form = validateForm(CancelActivity.request, { id, reason: values.reason ?? '' }, { reason: attendeesText(web.lang).reason }, web.lang);
    if (!form.ok) return sendHtml(reply, await this.renderAttendees(web, id, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(CancelActivity, form.data, web.meta);
      return redirect(reply, withNotice(paths.activity(id), 'activiteit-geannuleerd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, ['reason']);
      if (status === 403 || status === 404) throw error;
      return sendHtml(reply, await this.renderAttendees(web, id, { values, errors }), status);
    }
  }

  @Post(Routes.attendance)
  async attendance(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    try {
      const occurrenceStart = occurrenceOf(values);
      await this.rpc.send(RecordAttendance, { activityId: id, accountId: values.accountId ?? '', present: values.present === 'ja', ...(occurrenceStart ? { occurrenceStart } : {}) }, web.meta);
      return redirect(reply, withNotice(attendeesOf(id, occurrenceStart), 'aanwezigheid-vastgelegd'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, {}, []);
      if (status === 403 || status === 404) throw error;
      return sendHtml(reply, await this.renderAttendees(web, id, { errors }, occurrenceOf(values)), status);
    }
  }

  @Post(Routes.checkIn)
  async checkIn(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    const values = formValues(req.body);
    const occurrenceStart = occurrenceOf(values);
    const form = validateForm(CheckIn.request, { activityId: id, code: values.code ?? '', ...(occurrenceStart ? { occurrenceStart } : {}) }, { code: activityText(web.lang).checkInCode }, web.lang);
    if (!form.ok) return sendHtml(reply, await this.render(web, id, undefined, { values, errors: form.errors }), 400);
    try {
      await this.rpc.send(CheckIn, form.data, web.meta);
      return redirect(reply, withNotice(paths.activity(id), 'ingecheckt'));
    } catch (error) {
      const { status, errors } = refusalOf(error, web.lang, { INVALID_CHECK_IN_CODE: 'code' }, ['code']);
      if (status === 404) throw error;
      return sendHtml(reply, await this.render(web, id, undefined, { values, errors }), status);
    }
  }

  /** Cancels or moves one occurrence; a refusal shows on the activity's page. */
  private async changeOccurrence(
    web: WebContext, reply: FastifyReply, id: string, values: FormValues, input: Record<string, unknown>, notice: 'keer-geannuleerd' | 'keer-verplaatst',
  ) {
    try {
      await this.rpc.send(UpdateOccurrence, input as never, web.meta);
      return redirect(reply, withNotice(paths.activity(id), notice));
    } catch (error) {
      const known = error instanceof DomainError && error.statusCode < 500 && error.statusCode !== 404 && error.statusCode !== 403;
      const invalid = !(error instanceof DomainError) && (error as { statusCode?: number }).statusCode === 400;
      if (!known && !invalid) throw error;
      const message = error instanceof DomainError ? error.messages[web.lang] : String((error as Error).message);
      return sendHtml(reply, await this.render(web, id, message), known ? (error as DomainError).statusCode : 400);
    }
  }

  private async renderAttendees(web: WebContext, id: string, form: { values?: FormValues; errors?: Record<string, string> } = {}, keer?: string): Promise<string> {
    const activity = await this.rpc.send(GetActivity, { id }, web.meta);
    // A series: the occurrence asked for, else the next one still to come (or the last one).
    let occurrences: OccurrenceView[] = [];
    let occurrenceStart: string | undefined;
    if (activity.recurrence) {
      occurrences = (await this.rpc.send(ListOccurrences, { activityId: id, from: activity.startsAt }, web.meta)).items;
      const next = occurrences.find((o) => Date.parse(o.endsAt) > Date.now()) ?? occurrences.at(-1);
      occurrenceStart = keer ?? next?.start;
    }
    const at = occurrenceStart ? { occurrenceStart } : {};
    const [community, attendees, figures, code, branches] = await Promise.all([
      this.rpc.send(GetCommunity, { id: activity.communityId }, web.meta),
      this.rpc.send(ListAttendees, { activityId: id, ...at }, web.meta),
      this.rpc.send(AttendanceFigures, { activityId: id, ...at }, web.meta),
      this.rpc.send(GetCheckInCode, { activityId: id, ...at }, web.meta),
      this.branchesOf(web),
    ]);
    const ids = [...new Set([...attendees.going, ...attendees.waitlist].map((a) => a.accountId))].slice(0, 200);
    const names = ids.length ? (await this.rpc.send(AccountNames, { ids }, web.meta)).items : [];
    const occurrence = occurrences.find((o) => Date.parse(o.start) === Date.parse(occurrenceStart ?? ''));
    const shown = occurrence ? { ...activity, startsAt: occurrence.startsAt, endsAt: occurrence.endsAt, cancelledAt: occurrence.cancelledAt ?? activity.cancelledAt } : activity;
    return attendeesPage(web, community, shown, { ...attendees, names: new Map(names.map((n) => [n.id, n.displayName])) }, { ...form, branches }, { code: code.code, figures }, occurrence ? { current: occurrence.start, occurrences } : undefined);
  }

  /** The host's organisers name a partner organisation of the region; a refusal about the organisation is shown on the page. */
  @Post(Routes.activityPartners)
  async addPartner(@Web() web: WebContext, @Param('id') idValue: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    try {
      await this.rpc.send(AddActivityPartner, { activityId: id, organisationId: idParam(formValues(req.body).organisationId ?? '') }, web.meta);
      return redirect(reply, withNotice(paths.activity(id), 'activiteit-partner-toegevoegd'));
    } catch (error) {
      // Of another region, already a partner, or not yet known to events (just created): the page says which.
      if (!(error instanceof DomainError) || !['ORGANISATION_OF_OTHER_REGION', 'ALREADY_PARTNER', 'ORGANISATION_NOT_FOUND'].includes(error.code)) throw error;
      return sendHtml(reply, await this.render(web, id, error.messages[web.lang]), error.statusCode);
    }
  }

  @Post(Routes.removeActivityPartner)
  async removePartner(@Web() web: WebContext, @Param('id') idValue: string, @Param('organisatie') organisationValue: string, @Res() reply: FastifyReply) {
    requireViewer(web);
    const id = idParam(idValue);
    try {
      await this.rpc.send(RemoveActivityPartner, { activityId: id, organisationId: idParam(organisationValue) }, web.meta);
    } catch (error) {
      // Taken off already (a second click): the page shows how it stands now.
      if (!(error instanceof DomainError) || error.code !== 'PARTNER_NOT_FOUND') throw error;
    }
    return redirect(reply, withNotice(paths.activity(id), 'activiteit-partner-weggehaald'));
  }

  /** The branches and rooms of the viewer's region, to choose a room from (an activity's room is of its community's region). */
  private async branchesOf(web: WebContext) {
    const slug = web.viewer?.region?.slug;
    return slug ? (await this.rpc.send(ListBranches, { region: slug }, web.meta)).items : [];
  }

  private async render(web: WebContext, id: string, error?: string, checkIn?: { values: FormValues; errors: Record<string, string> }): Promise<string> {
    const activity = await this.rpc.send(GetActivity, { id }, web.meta);
    const [community, cohosts, occurrences, partners] = await Promise.all([
      this.communityShown(web, activity),
      this.rpc.send(ListCohosts, { activityId: id }, web.meta),
      activity.recurrence ? this.rpc.send(ListOccurrences, { activityId: id }, web.meta).then((o) => o.items.slice(0, OCCURRENCES_SHOWN)) : Promise.resolve([]),
      this.rpc.send(ListActivityPartners, { activityId: id }, web.meta),
    ]);
    const organisations = community.id === activity.communityId && mayManage(web, community) && !activity.cancelledAt ? await partnerChoices(this.rpc, web.meta, community) : null;
    return activityPage(web, community, activity, error, Date.now(), checkIn, occurrences, cohosts.items, partners.items, organisations);
  }

  /** The host community; for a member of a co-host who may not see the (members-only) host, the co-host they belong to. */
  private async communityShown(web: WebContext, activity: { communityId: string; cohostCommunityIds: string[] }) {
    try {
      return await this.rpc.send(GetCommunity, { id: activity.communityId }, web.meta);
    } catch (error) {
      if (!(error instanceof DomainError) || error.statusCode !== 404 || activity.cohostCommunityIds.length === 0) throw error;
      for (const id of activity.cohostCommunityIds) {
        const cohost = await this.rpc.send(GetCommunity, { id }, web.meta).catch(() => null);
        if (cohost?.myRole) return cohost;
      }
      throw error;
    }
  }
}
