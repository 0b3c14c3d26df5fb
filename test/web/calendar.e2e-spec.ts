import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { daysFromNow, startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { expectCleanPage, launchBrowser, Visitor } from './support/browser';

/**
 * The activity calendar through the real platform: the waitlist over `/api/v1` (every process,
 * through the gateway), then the same journeys in Debian's Chromium (keyboard, axe, Dutch).
 */
const ZONE = 'Europe/Amsterdam';

describe('activity calendar: waitlist, region calendar and feeds, recurring activities, through the gateway and in the browser', () => {
  const scope = new TestScope('calendar');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  const region = `kalender-${scope.id.slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  type Person = Awaited<ReturnType<ApiClient['resident']>>;
  let organiser: Person;
  let communityId: string;

  const visit = async () => {
    const visitor = await Visitor.open(browser, platform.baseUrl);
    visitors.push(visitor);
    return visitor;
  };
  const plan = async (title: string, capacity: number) => {
    const res = await api.post(`/communities/${communityId}/activities`, {
      title, description: 'Oefenen met Nederlands praten.', mode: 'in_person', location: 'Bibliotheek Centrum, leeszaal',
      startsAt: daysFromNow(5, 17), endsAt: daysFromNow(5, 19), capacity,
    }, organiser.token);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Kalenderland' }, operator)).status).toBe(201);
    organiser = await api.resident(region, 'Olga Organisator');
    communityId = (await api.post('/communities', { name: 'Taalcafé', description: 'Elke week praten.', visibility: 'public' }, organiser.token)).body.id;
  }, 120_000);
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('gives places, then waitlist positions; a cancellation promotes the first at once, a higher capacity the next ones', async () => {
    const activityId = await plan('Taalcafé voor twee', 2);
    const people = await Promise.all(['Ada', 'Bas', 'Cor', 'Dina', 'Eva'].map((name) => api.resident(region, name)));
    const answers = [];
    for (const p of people) answers.push(await api.post(`/activities/${activityId}/rsvp`, {}, p.token));
    expect(answers.map((a) => [a.status, a.body.status, a.body.position])).toEqual([
      [201, 'going', undefined], [201, 'going', undefined], [201, 'waitlisted', 1], [201, 'waitlisted', 2], [201, 'waitlisted', 3],
    ]);

    const cancelled = await api.request('DELETE', `/activities/${activityId}/rsvp`, { token: people[0]!.token });
    expect(cancelled.status).toBe(204);
    expect((await api.get(`/activities/${activityId}`, people[2]!.token)).body).toMatchObject({ myRsvp: 'going', myWaitlistPosition: null, attendeeCount: 2, waitlistCount: 2 });
    expect((await api.get(`/activities/${activityId}`, people[4]!.token)).body).toMatchObject({ myRsvp: 'waitlisted', myWaitlistPosition: 2 });
    const again = await api.request('DELETE', `/activities/${activityId}/rsvp`, { token: people[0]!.token });
    expect(again).toMatchObject({ status: 404, body: { code: 'RSVP_NOT_FOUND', message: 'Je bent niet aangemeld voor deze activiteit.' } });

    const attendees = await api.get(`/activities/${activityId}/attendees`, organiser.token);
    expect(attendees.status).toBe(200);
    expect(attendees.body.going.map((a: { accountId: string }) => a.accountId)).toEqual([people[1]!.id, people[2]!.id]);
    expect(attendees.body.waitlist.map((a: { accountId: string; position: number }) => [a.accountId, a.position])).toEqual([[people[3]!.id, 1], [people[4]!.id, 2]]);
    expect(await api.get(`/activities/${activityId}/attendees`, people[1]!.token)).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED_TO_MANAGE' } });

    const tooFew = await api.request('PATCH', `/activities/${activityId}`, { token: organiser.token, body: { capacity: 1 } });
    expect(tooFew).toMatchObject({ status: 409, body: { code: 'CAPACITY_BELOW_GOING' } });
    const bad = await api.request('PATCH', `/activities/${activityId}`, { token: organiser.token, body: { capacity: 0 } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const english = await api.request('PATCH', `/activities/${activityId}`, { token: organiser.token, body: { capacity: 1 }, lang: 'en' });
    expect(english.body.message).toMatch(/^2 people are already going/);
    const raised = await api.request('PATCH', `/activities/${activityId}`, { token: organiser.token, body: { capacity: 4 } });
    expect(raised).toMatchObject({ status: 200, body: { capacity: 4, attendeeCount: 4, waitlistCount: 0 } });

    const mine = await api.get('/me/activities', people[4]!.token);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: activityId, myRsvp: 'going', myWaitlistPosition: null })]);
    expect(await api.get('/me/activities?limit=0', people[4]!.token)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await api.get('/me/activities')).status).toBe(401);
  });

  it('lets residents sign up, join the waitlist and cancel in the browser; the organiser sees the list and adds places', async () => {
    const activityId = await plan('Taalcafé op dinsdag', 1);
    const [first, second] = await Promise.all([api.resident(region, 'Fenna Eerste'), api.resident(region, 'Gijs Tweede')]);

    const a = await visit();
    await a.signIn(first.email, first.password);
    await a.goto(`/activiteiten/${activityId}`);
    await a.activate(a.page.getByRole('button', { name: 'Aanmelden' }));
    await expect(a.page.getByText('Je bent aangemeld. Tot dan!').count()).resolves.toBe(1);
    await expect(a.page.getByRole('button', { name: 'Afmelden' }).count()).resolves.toBe(1);
    await expectCleanPage(a, 'activity-going');

    const b = await visit();
    await b.signIn(second.email, second.password);
    await b.goto(`/activiteiten/${activityId}`);
    await expect(b.page.getByText(/Deze activiteit is vol/).count()).resolves.toBe(1);
    await b.activate(b.page.getByRole('button', { name: 'Aanmelden voor de wachtlijst' }));
    await expect(b.page.getByText(/Je staat op plaats 1 van de wachtlijst/).count()).resolves.toBe(1);
    await expectCleanPage(b, 'activity-waitlisted');

    await a.activate(a.page.getByRole('button', { name: 'Afmelden' }));
    await expect(a.page.getByText(/Je bent afgemeld/).count()).resolves.toBe(1);
    await expect(a.page.getByRole('button', { name: 'Aanmelden' }).count()).resolves.toBe(1);

    await b.activate(b.page.getByRole('link', { name: 'Mijn activiteiten' }));
    await expect(b.page.title()).resolves.toBe('Mijn activiteiten – KennisCloud');
    await expect(b.page.locator('main').getByText('Aangemeld', { exact: true }).count()).resolves.toBe(1);
    await expect(b.page.getByRole('link', { name: 'Taalcafé op dinsdag' }).count()).resolves.toBe(1);
    await expectCleanPage(b, 'my-activities');

    const o = await visit();
    await o.signIn(organiser.email, organiser.password);
    await o.goto(`/activiteiten/${activityId}`);
    await o.activate(o.page.getByRole('link', { name: 'Deelnemers en wachtlijst' }));
    await expect(o.page.locator('main h1').textContent()).resolves.toBe('Deelnemers en wachtlijst');
    await expect(o.page.getByRole('cell', { name: 'Gijs Tweede' }).count()).resolves.toBe(1); // the name, as identity knows it now
    await expectCleanPage(o, 'attendees');
    await o.typeInto(o.page.getByRole('spinbutton', { name: 'Aantal plaatsen' }), '0');
    await o.activate(o.page.getByRole('button', { name: 'Aantal plaatsen opslaan' }));
    await expect(o.page.title()).resolves.toMatch(/^Fout: /);
    await expect(o.page.locator('#foutmeldingen').textContent()).resolves.toMatch(/Aantal plaatsen/);
    await expectCleanPage(o, 'attendees-error');
    await o.typeInto(o.page.getByRole('spinbutton', { name: 'Aantal plaatsen' }), '3');
    await o.activate(o.page.getByRole('button', { name: 'Aantal plaatsen opslaan' }));
    await expect(o.page.getByText(/Het aantal plaatsen is gewijzigd/).count()).resolves.toBe(1);

    // A plain resident gets the service's refusal, not the list.
    await b.goto(`/activiteiten/${activityId}/deelnemers`);
    await expect(b.page.locator('main').textContent()).resolves.toMatch(/Alleen de organisator/);
  }, 120_000);

  it('serves the region calendar, its feed and a personal feed whose old address is 404 right after rotating', async () => {
    const [reader] = await Promise.all([api.resident(region, 'Hanna Lezer')]);
    const privateCommunity = (await api.post('/communities', { name: 'Besloten kring', visibility: 'members' }, organiser.token)).body.id as string;
    const secret = (await api.post(`/communities/${privateCommunity}/activities`, {
      title: 'Besloten avond', mode: 'online', onlineUrl: 'https://meet.example.org/kring', startsAt: daysFromNow(6, 17), endsAt: daysFromNow(6, 18),
    }, organiser.token)).body.id as string;
    const open = await plan('Open taalcafé', 10);

    const ids = async (token?: string, query = '') => ((await api.get(`/regions/${region}/activities${query}`, token)).body.items as { id: string }[]).map((a) => a.id);
    expect(await ids()).toEqual(expect.arrayContaining([open]));
    expect(await ids()).not.toContain(secret);
    expect(await ids(organiser.token)).toContain(secret);
    expect(await ids(organiser.token, '?mode=online')).toEqual([secret]);
    expect(await api.get(`/regions/${region}/activities?from=${encodeURIComponent(daysFromNow(5))}&to=${encodeURIComponent(daysFromNow(1))}`)).toMatchObject({ status: 400, body: { code: 'INVALID_RANGE' } });
    expect(await api.get('/regions/bestaat-niet/activities')).toMatchObject({ status: 404, body: { code: 'REGION_NOT_FOUND', message: 'Deze regio bestaat niet.' } });

    const regionFeed = await fetch(`${platform.baseUrl}/api/v1/regions/${region}/calendar.ics`);
    expect(regionFeed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const parsed = new ICAL.Component(ICAL.parse(await regionFeed.text()));
    for (const zone of parsed.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevents = parsed.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const openEvent = vevents.find((e) => e.uid.startsWith(open))!;
    expect(openEvent.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(openEvent.startDate.toJSDate().toISOString()).toBe(new Date(daysFromNow(5, 17)).toISOString());
    expect(vevents.some((e) => e.uid.startsWith(secret))).toBe(false);

    await api.post(`/activities/${open}/rsvp`, {}, reader.token);
    const { url } = (await api.get('/me/calendar-feed', reader.token)).body as { url: string };
    expect(url).toMatch(new RegExp(`^${platform.baseUrl}/api/v1/calendar-feeds/[A-Za-z0-9_-]{43}/calendar\\.ics$`));
    expect((await api.get('/me/calendar-feed', reader.token)).body.url).toBe(url);
    const personal = await fetch(url);
    expect(personal.status).toBe(200);
    expect(new ICAL.Component(ICAL.parse(await personal.text())).getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('summary'))).toEqual(['Open taalcafé']);
    const rotated = await api.post('/me/calendar-feed/rotate', {}, reader.token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(url);
    const old = await fetch(url);
    expect(old.status).toBe(404);
    expect(await old.json()).toMatchObject({ code: 'CALENDAR_FEED_NOT_FOUND' });
    expect((await fetch(rotated.body.url)).status).toBe(200);
    expect((await fetch(`${platform.baseUrl}/api/v1/calendar-feeds/kort/calendar.ics`)).status).toBe(400);
  });

  it('shows the region calendar by week and by month with filters, and the personal calendar link, in the browser', async () => {
    const when = daysFromNow(2, 17);
    const title = 'Voorleesuur in de week';
    const res = await api.post(`/communities/${communityId}/activities`, { title, mode: 'online', onlineUrl: 'https://meet.example.org/voorlezen', startsAt: when, endsAt: daysFromNow(2, 18) }, organiser.token);
    expect(res.status).toBe(201);
    const v = await visit();
    await v.goto(`/regio/${region}`);
    await v.activate(v.page.getByRole('link', { name: 'Agenda van de regio, per week of per maand' }));
    await expect(v.page.locator('main h1').textContent()).resolves.toBe('Agenda van Kalenderland');
    await expect(v.page.locator('main h3').count()).resolves.toBe(7);
    // The week of the activity (two days ahead can be next week).
    if (!(await v.page.getByRole('link', { name: title }).count())) await v.activate(v.page.getByRole('link', { name: 'Volgende week' }));
    await expect(v.page.getByRole('link', { name: title }).count()).resolves.toBe(1);
    await expectCleanPage(v, 'region-week');

    await v.activate(v.page.getByRole('link', { name: 'Maand', exact: true }));
    await expect(v.page.title()).resolves.toMatch(/^Agenda van Kalenderland – /);
    if (!(await v.page.getByRole('link', { name: title }).count())) await v.activate(v.page.getByRole('link', { name: 'Volgende maand' }));
    await expect(v.page.getByRole('link', { name: title }).count()).resolves.toBe(1);
    await v.page.getByLabel('Vorm').selectOption('in_person');
    await v.activate(v.page.getByRole('button', { name: 'Filter toepassen' }));
    await expect(v.page.getByRole('link', { name: title }).count()).resolves.toBe(0);
    expect(v.path()).toMatch(/vorm=in_person/);
    await expectCleanPage(v, 'region-month-filtered');

    const person = await api.resident(region, 'Ilse Agenda');
    const p = await visit();
    await p.signIn(person.email, person.password);
    await p.goto('/mijn-activiteiten');
    const link = await p.page.getByLabel('Jouw agenda-link').inputValue();
    expect(link).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    await expectCleanPage(p, 'my-activities-feed');
    await p.activate(p.page.getByRole('button', { name: 'Nieuwe agenda-link maken' }));
    await expect(p.page.getByText(/Je hebt een nieuwe agenda-link/).count()).resolves.toBe(1);
    expect(await p.page.getByLabel('Jouw agenda-link').inputValue()).not.toBe(link);
    expect((await fetch(link)).status).toBe(404);
  }, 120_000);

  it('cancels with a reason and counts attendance, recorded by the organiser or by checking in with the door code, through the API', async () => {
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const now = (await api.post(`/communities/${communityId}/activities`, {
      title: 'Taalcafé nu', mode: 'in_person', location: 'Leeszaal', startsAt: soon(-20), endsAt: soon(100), capacity: 2,
    }, organiser.token)).body.id as string;
    const [p, q, r] = await Promise.all(['Jan', 'Kim', 'Lot'].map((name) => api.resident(region, name)));
    for (const x of [p, q, r]) expect((await api.post(`/activities/${now}/rsvp`, {}, x!.token)).status).toBe(201);
    const code = await api.get(`/activities/${now}/check-in-code`, organiser.token);
    expect(code).toMatchObject({ status: 200, body: { code: expect.stringMatching(/^[A-Z2-9]{6}$/) } });
    expect(await api.get(`/activities/${now}/check-in-code`, p!.token)).toMatchObject({ status: 403 });
    expect(await api.post(`/activities/${now}/check-in`, { code: 'FOUT00' }, p!.token)).toMatchObject({ status: 400, body: { code: 'INVALID_CHECK_IN_CODE' } });
    expect(await api.post(`/activities/${now}/check-in`, { code: code.body.code }, p!.token)).toMatchObject({ status: 200, body: { present: true } });
    expect(await api.post(`/activities/${now}/check-in`, { code: code.body.code }, r!.token)).toMatchObject({ status: 409, body: { code: 'CHECK_IN_NEEDS_PLACE' } });
    expect(await api.post(`/activities/${now}/attendance`, { accountId: q!.id, present: false }, organiser.token)).toMatchObject({ status: 200, body: { present: false } });
    expect(await api.post(`/activities/${now}/attendance`, { accountId: q!.id, present: 'ja' }, organiser.token)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await api.get(`/activities/${now}/attendance`, organiser.token)).toMatchObject({ status: 200, body: { going: 2, waitlisted: 1, present: 1, noShow: 0 } });

    const later = await plan('Taalcafé dat niet doorgaat', 5);
    await api.post(`/activities/${later}/rsvp`, {}, p!.token);
    expect(await api.post(`/activities/${later}/cancel`, { reason: 'Ja' }, organiser.token)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const cancelled = await api.post(`/activities/${later}/cancel`, { reason: 'De leeszaal wordt geschilderd.' }, organiser.token);
    expect(cancelled).toMatchObject({ status: 200, body: { cancelReason: 'De leeszaal wordt geschilderd.', cancelledAt: expect.any(String) } });
    expect(await api.post(`/activities/${later}/cancel`, { reason: 'Nog een keer.' }, organiser.token)).toMatchObject({ status: 409, body: { code: 'ACTIVITY_ALREADY_CANCELLED' } });
    expect(await api.post(`/activities/${later}/rsvp`, {}, q!.token)).toMatchObject({ status: 409, body: { code: 'ACTIVITY_CANCELLED', message: 'Deze activiteit is geannuleerd.' } });
    const listed = (await api.get(`/regions/${region}/activities`)).body.items.find((a: { id: string }) => a.id === later);
    expect(listed).toMatchObject({ cancelReason: 'De leeszaal wordt geschilderd.' });
    const feed = new ICAL.Component(ICAL.parse(await (await fetch(`${platform.baseUrl}/api/v1/regions/${region}/calendar.ics`)).text()));
    expect(feed.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).startsWith(later))!.getFirstPropertyValue('status')).toBe('CANCELLED');
    const { url } = (await api.get('/me/calendar-feed', p!.token)).body as { url: string };
    const mine = new ICAL.Component(ICAL.parse(await (await fetch(url)).text()));
    expect(mine.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).startsWith(later))!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('lets a resident check in at the door and the organiser record attendance and cancel, in the browser', async () => {
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const activityId = (await api.post(`/communities/${communityId}/activities`, {
      title: 'Spelletjesmiddag', mode: 'in_person', location: 'Leeszaal', startsAt: soon(-10), endsAt: soon(110), capacity: 5,
    }, organiser.token)).body.id as string;
    const [guest, other] = await Promise.all([api.resident(region, 'Mila Gast'), api.resident(region, 'Nico Ander')]);
    for (const x of [guest, other]) await api.post(`/activities/${activityId}/rsvp`, {}, x.token);

    const o = await visit();
    await o.signIn(organiser.email, organiser.password);
    await o.goto(`/activiteiten/${activityId}/deelnemers`);
    const code = /([A-Z2-9]{6})$/.exec((await o.page.locator('#incheckcode + p').textContent())!.trim())![1]!;
    await o.activate(o.page.getByRole('button', { name: 'Aanwezig: deelnemer 2' }));
    await expect(o.page.getByText('De aanwezigheid is vastgelegd.').count()).resolves.toBe(1);
    await expectCleanPage(o, 'attendance');

    const g = await visit();
    await g.signIn(guest.email, guest.password);
    await g.goto(`/activiteiten/${activityId}`);
    await g.typeInto(g.page.getByLabel('Incheckcode'), 'FOUT99');
    await g.activate(g.page.getByRole('button', { name: 'Inchecken' }));
    await expect(g.page.locator('#foutmeldingen').textContent()).resolves.toMatch(/Deze code klopt niet/);
    await expectCleanPage(g, 'check-in-error');
    await g.typeInto(g.page.getByLabel('Incheckcode'), code.toLowerCase());
    await g.activate(g.page.getByRole('button', { name: 'Inchecken' }));
    await expect(g.page.getByText('Je bent ingecheckt. Welkom!').count()).resolves.toBe(1);

    await o.goto(`/activiteiten/${activityId}/deelnemers`);
    await expect(o.page.getByText(/Aanwezig: 2 · Niet gekomen: 0/).count()).resolves.toBe(1);
    await o.typeInto(o.page.getByLabel('Reden'), 'De zaal is onverwacht dicht.');
    await o.activate(o.page.getByRole('button', { name: 'Activiteit annuleren' }));
    await expect(o.page.getByText(/De activiteit is geannuleerd/).count()).resolves.toBe(1);
    await expect(o.page.getByText('Deze activiteit is geannuleerd. Reden: De zaal is onverwacht dicht.').count()).resolves.toBe(1);
    await expectCleanPage(o, 'activity-cancelled');
    await g.goto(`/activiteiten/${activityId}`);
    await expect(g.page.getByRole('button', { name: 'Afmelden' }).count()).resolves.toBe(0);
  }, 120_000);

  // Recurring activities (ADR 0023): the series over /api/v1, then its pages in the browser.
  it('plans a weekly series, signs up per occurrence, cancels and moves occurrences, and the feeds carry RRULE, EXDATE and RECURRENCE-ID', async () => {
    const body = { title: 'Schaakavond', mode: 'in_person', location: 'Bibliotheek Centrum', startsAt: daysFromNow(3, 18), endsAt: daysFromNow(3, 20), capacity: 1 };
    const endless = await api.post(`/communities/${communityId}/activities`, { ...body, recurrence: { rrule: 'FREQ=WEEKLY' } }, organiser.token);
    expect(endless).toMatchObject({ status: 400, body: { code: 'RRULE_WITHOUT_END', message: expect.stringMatching(/^Een herhaling heeft een einde nodig/) } });
    const english = await api.request('POST', `/communities/${communityId}/activities`, { token: organiser.token, body: { ...body, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=300' } }, lang: 'en' });
    expect(english).toMatchObject({ status: 400, body: { code: 'RRULE_TOO_LONG', message: expect.stringMatching(/^A recurrence lasts at most two years/) } });
    const created = await api.post(`/communities/${communityId}/activities`, { ...body, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' } }, organiser.token);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const list = await api.get(`/activities/${id}/occurrences`);
    expect(list.status).toBe(200);
    const [first, second, third, fourth] = list.body.items as Array<{ start: string; startsAt: string; endsAt: string }>;
    expect(list.body.items).toHaveLength(4);
    expect(DateTime.fromISO(fourth!.start, { zone: ZONE }).toFormat('HH:mm')).toBe(DateTime.fromISO(first!.start, { zone: ZONE }).toFormat('HH:mm'));

    const [ada, bas] = await Promise.all([api.resident(region, 'Ada'), api.resident(region, 'Bas')]);
    const at = (o: { start: string }) => `/activities/${id}/occurrences/${encodeURIComponent(o.start)}`;
    expect(await api.post(`${at(second!)}/rsvp`, {}, ada.token)).toMatchObject({ status: 201, body: { status: 'going', occurrenceStart: second!.start } });
    expect(await api.post(`${at(second!)}/rsvp`, {}, bas.token)).toMatchObject({ status: 201, body: { status: 'waitlisted', position: 1 } });
    expect(await api.post(`${at(third!)}/rsvp`, {}, bas.token)).toMatchObject({ status: 201, body: { status: 'going' } });
    expect((await api.request('DELETE', `${at(second!)}/rsvp`, { token: ada.token })).status).toBe(204);
    expect((await api.get(`${at(second!)}/attendees`, organiser.token)).body.going.map((g: { accountId: string }) => g.accountId)).toEqual([bas.id]);
    expect(await api.post(`/activities/${id}/rsvp`, {}, ada.token)).toMatchObject({ status: 409, body: { code: 'OCCURRENCE_REQUIRED' } });
    const missing = `/activities/${id}/occurrences/${encodeURIComponent(new Date(Date.parse(second!.start) + 3_600_000).toISOString())}`;
    expect(await api.post(`${missing}/rsvp`, {}, ada.token)).toMatchObject({ status: 404, body: { code: 'OCCURRENCE_NOT_FOUND', message: expect.stringMatching(/^Deze activiteit vindt op dat moment niet plaats/) } });
    expect(await api.post(`/activities/${id}/occurrences/gisteren/rsvp`, {}, ada.token)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await api.request('PATCH', missing, { token: organiser.token, body: { cancelled: true } })).toMatchObject({ status: 404, body: { code: 'OCCURRENCE_NOT_FOUND' } });
    expect(await api.request('PATCH', at(second!), { token: ada.token, body: { cancelled: true } })).toMatchObject({ status: 403 });
    expect(await api.request('PATCH', at(second!), { token: organiser.token, body: { cancelled: false } })).toMatchObject({ status: 400 });

    expect(await api.request('PATCH', at(fourth!), { token: organiser.token, body: { cancelled: true } })).toMatchObject({ status: 200, body: { cancelledAt: expect.any(String) } });
    const movedStart = new Date(Date.parse(third!.startsAt) + 86_400_000).toISOString();
    const movedEnd = new Date(Date.parse(third!.endsAt) + 86_400_000).toISOString();
    expect(await api.request('PATCH', at(third!), { token: organiser.token, body: { startsAt: movedStart, endsAt: movedEnd } })).toMatchObject({ status: 200, body: { moved: true, startsAt: movedStart } });

    const ics = await (await fetch(`${platform.baseUrl}/api/v1/communities/${communityId}/calendar.ics`)).text();
    expect(ics).toContain('RRULE:FREQ=WEEKLY;COUNT=4');
    expect(ics).toMatch(/EXDATE;TZID=Europe\/Amsterdam:/);
    expect(ics).toMatch(/RECURRENCE-ID;TZID=Europe\/Amsterdam:/);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevents = calendar.getAllSubcomponents('vevent').filter((v) => String(v.getFirstPropertyValue('uid')).startsWith(id));
    const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id'))!, { exceptions: vevents.filter((v) => v.hasProperty('recurrence-id')) });
    const starts: string[] = [];
    const it = master.iterator();
    for (let next = it.next(); next; next = it.next()) starts.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    expect(starts).toEqual([first!.startsAt, second!.startsAt, movedStart]);

    // The region calendar and my activities list occurrences.
    const regionItems = (await api.get(`/regions/${region}/activities`)).body.items.filter((i: { id: string }) => i.id === id);
    expect(regionItems.map((i: { occurrenceStart: string }) => i.occurrenceStart)).toEqual([first!.start, second!.start, third!.start, fourth!.start]);
    expect((await api.get('/me/activities', bas.token)).body.items.map((i: { occurrenceStart: string; startsAt: string }) => [i.occurrenceStart, i.startsAt])).toEqual([
      [second!.start, second!.startsAt], [third!.start, movedStart],
    ]);
  });

  it('offers a repetition on the form, lists the coming occurrences with sign-up per occurrence, and lets the organiser cancel one, in the browser', async () => {
    const day = DateTime.now().setZone(ZONE).plus({ days: 9 }).toFormat('yyyy-LL-dd');
    const o = await visit();
    await o.signIn(organiser.email, organiser.password);
    await o.goto(`/community/${communityId}/activiteiten/nieuw`);
    const page = o.page;
    await expect(page.getByText('Herhaling', { exact: true }).count()).resolves.toBe(1);
    await o.typeInto(page.getByLabel('Titel'), 'Schaakles');
    await o.typeDateTime(page.getByLabel('Begint'), `${day}T19:30`);
    await o.typeDateTime(page.getByLabel('Eindigt'), `${day}T21:00`);
    await o.typeInto(page.getByLabel('Locatie', { exact: true }), 'Bibliotheek Centrum, zaal 1');
    await o.tabTo(page.getByLabel('Eenmalig'));
    await page.keyboard.press('ArrowDown'); // Elke week
    expect(await page.getByLabel('Elke week').isChecked()).toBe(true);
    // Without a number of times: the service's message beside the field.
    await o.activate(page.getByRole('button', { name: 'Activiteit plannen' }));
    await expect(page.title()).resolves.toMatch(/^Fout: /);
    await expect(page.locator('#foutmeldingen').textContent()).resolves.toMatch(/Een herhaling heeft een einde nodig/);
    await expectCleanPage(o, 'series-new-error');
    await o.typeInto(page.getByLabel('Aantal keer'), '3');
    await o.activate(page.getByRole('button', { name: 'Activiteit plannen' }));
    await expect(page.locator('main h2#keren').textContent()).resolves.toBe('De komende keren');
    await expect(page.locator('main').textContent()).resolves.toMatch(/Deze activiteit herhaalt zich: elke week, 3 keer\./);
    await expect(page.locator('li.kc-occurrence').count()).resolves.toBe(3);
    await expect(page.locator('main dl').textContent()).resolves.toMatch(/Eerstvolgende keer.*19:30 – 21:00/);
    await expect(page.locator('li.kc-occurrence').allTextContents()).resolves.toEqual(Array(3).fill(expect.stringMatching(/19:30 – 21:00/)));
    await expectCleanPage(o, 'series');
    const activityPath = o.path().split('?')[0]!;

    const r = await visit();
    const resident = await api.resident(region, 'Cas Schaker');
    await r.signIn(resident.email, resident.password);
    await r.goto(activityPath);
    const second = r.page.locator('li.kc-occurrence').nth(1);
    await r.activate(second.getByRole('button', { name: /^Aanmelden voor / }));
    await expect(r.page.getByRole('status').textContent()).resolves.toContain('Je bent aangemeld');
    await expect(r.page.locator('li.kc-occurrence').nth(1).textContent()).resolves.toContain('Je bent aangemeld');
    await expect(r.page.locator('li.kc-occurrence').nth(0).textContent()).resolves.not.toContain('Je bent aangemeld');
    await expectCleanPage(r, 'series-signed-up');

    await o.goto(activityPath);
    await o.activate(o.page.locator('li.kc-occurrence').nth(2).getByRole('button', { name: /^Deze keer annuleren/ }));
    await expect(o.page.getByRole('status').textContent()).resolves.toContain('Deze keer is geannuleerd');
    await expect(o.page.locator('li.kc-occurrence').nth(2).textContent()).resolves.toContain('Geannuleerd');
    // Move the first occurrence a day later, 20:00 – 21:30.
    const first = o.page.locator('li.kc-occurrence').nth(0);
    await o.tabTo(first.locator('summary'));
    await o.page.keyboard.press('Enter');
    const later = DateTime.fromISO(day, { zone: ZONE }).plus({ days: 1 }).toFormat('yyyy-LL-dd');
    await o.typeDateTime(first.getByLabel('Nieuw begin'), `${later}T20:00`);
    await o.typeDateTime(first.getByLabel('Nieuw einde'), `${later}T21:30`);
    await o.activate(first.getByRole('button', { name: /^Deze keer verplaatsen/ }));
    await expect(o.page.getByRole('status').textContent()).resolves.toContain('Deze keer is verplaatst');
    await expect(o.page.locator('li.kc-occurrence').nth(0).textContent()).resolves.toMatch(/20:00 – 21:30.*Verplaatst \(was .*19:30\)/);
    await expectCleanPage(o, 'series-moved');
    await o.activate(o.page.locator('li.kc-occurrence').nth(1).getByRole('link', { name: /^Deelnemers voor / }));
    await expect(o.page.getByRole('cell', { name: 'Cas Schaker' }).count()).resolves.toBe(1);
    await expect(o.page.getByRole('heading', { name: 'Andere keren' }).count()).resolves.toBe(1);
    await expectCleanPage(o, 'series-attendees');
  }, 180_000);
});
