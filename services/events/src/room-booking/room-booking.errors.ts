import { badRequest, conflict, DomainError, notFound } from '@kc/contracts';
import { DateTime } from 'luxon';

export const roomNotFound = () =>
  notFound('ROOM_NOT_FOUND', 'Deze zaal bestaat niet (meer).', 'This room does not exist (any more).');
export const roomOfOtherRegion = () =>
  badRequest(
    'ROOM_OF_OTHER_REGION',
    'Deze zaal hoort bij een vestiging van een andere regio. Kies een zaal van een vestiging in de regio van de community.',
    'This room belongs to a branch of another region. Choose a room of a branch in the community’s region.',
  );
export const roomForOnlineActivity = () =>
  badRequest(
    'ROOM_FOR_ONLINE_ACTIVITY',
    'Een online activiteit vindt niet in een zaal plaats. Kies ‘op locatie’ of ‘hybride’, of laat de zaal leeg.',
    'An online activity does not take place in a room. Choose in person or hybrid, or leave the room empty.',
  );
export const roomAndLocation = () =>
  badRequest(
    'ROOM_AND_LOCATION',
    'Kies een zaal of vul zelf een locatie in, niet allebei: bij een zaal is de locatie het adres van de vestiging.',
    'Choose a room or enter a location yourself, not both: with a room, the location is the branch’s address.',
  );
export const capacityAboveRoom = (room: string, capacity: number) =>
  badRequest(
    'CAPACITY_ABOVE_ROOM',
    `${room} biedt plaats aan hoogstens ${capacity} mensen; kies hoogstens ${capacity} plaatsen of een grotere zaal.`,
    `${room} holds at most ${capacity} people; choose at most ${capacity} places or a larger room.`,
  );
export const activityOver = () =>
  conflict('ACTIVITY_OVER', 'Deze activiteit is al voorbij; de zaal kan niet meer worden gewijzigd.', 'This activity is already over; its room can no longer be changed.');

/** "op zaterdag 14 maart 2027 van 19:30 tot 21:00", in the activity's zone. */
export const when = (startsAt: Date, endsAt: Date, zone: string, locale: 'nl' | 'en') => {
  const start = DateTime.fromJSDate(startsAt, { zone }).setLocale(locale);
  const end = DateTime.fromJSDate(endsAt, { zone }).setLocale(locale);
  const day = start.toFormat('cccc d LLLL yyyy');
  const endText = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL yyyy HH:mm');
  return locale === 'nl' ? `op ${day} van ${start.toFormat('HH:mm')} tot ${endText}` : `on ${day} from ${start.toFormat('HH:mm')} to ${endText}`;
};

/** The room is already booked for (part of) the time asked: names the booking it collides with, in the activity's zone. */
export const roomTaken = (room: string, taken: { startsAt: Date; endsAt: Date }, zone: string) =>
  new DomainError(409, 'ROOM_TAKEN', {
    nl: `${room} is dan al bezet: er is een boeking ${when(taken.startsAt, taken.endsAt, zone, 'nl')}. Kies een andere tijd of zaal.`,
    en: `${room} is already booked then: there is a booking ${when(taken.startsAt, taken.endsAt, zone, 'en')}. Choose another time or room.`,
  }, { startsAt: taken.startsAt.toISOString(), endsAt: taken.endsAt.toISOString() });
