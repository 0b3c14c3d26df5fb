import { badRequest, conflict, DomainError, notFound } from '@kc/contracts';
import { when } from '../room-booking/room-booking.errors';

export const invalidRrule = () =>
  badRequest(
    'INVALID_RRULE',
    'De herhaling is geen geldige RRULE (RFC 5545), bijvoorbeeld FREQ=WEEKLY;COUNT=10 of FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T230000Z.',
    'The recurrence is not a valid RRULE (RFC 5545), e.g. FREQ=WEEKLY;COUNT=10 or FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T230000Z.',
  );
export const rruleUnsupported = (part: string) =>
  badRequest(
    'RRULE_UNSUPPORTED',
    `"${part}" wordt niet ondersteund: een activiteit herhaalt zich dagelijks, wekelijks of maandelijks (FREQ=DAILY, WEEKLY of MONTHLY met INTERVAL, BYDAY, BYMONTHDAY, BYSETPOS).`,
    `"${part}" is not supported: an activity repeats daily, weekly or monthly (FREQ=DAILY, WEEKLY or MONTHLY with INTERVAL, BYDAY, BYMONTHDAY, BYSETPOS).`,
  );
export const rruleWithoutEnd = () =>
  badRequest(
    'RRULE_WITHOUT_END',
    'Een herhaling heeft een einde nodig: een aantal keer (COUNT) of een einddatum (UNTIL), binnen twee jaar.',
    'A recurrence needs an end: a number of times (COUNT) or an end date (UNTIL), within two years.',
  );
export const rruleTooLong = () =>
  badRequest(
    'RRULE_TOO_LONG',
    'Een herhaling duurt hoogstens twee jaar en hoogstens 260 keer.',
    'A recurrence lasts at most two years and at most 260 occurrences.',
  );
export const rruleStartMismatch = () =>
  badRequest(
    'RRULE_START_MISMATCH',
    'De eerste keer van de herhaling moet op het begin van de activiteit vallen (kies bijvoorbeeld BYDAY passend bij de begindatum).',
    'The first occurrence of the recurrence must be the activity’s start (e.g. choose a BYDAY that matches the start date).',
  );
export const occurrenceNotFound = () =>
  notFound(
    'OCCURRENCE_NOT_FOUND',
    'Deze activiteit vindt op dat moment niet plaats. Gebruik het oorspronkelijke begin van een keer (zie /occurrences).',
    'This activity has no occurrence at that moment. Use the original start of an occurrence (see /occurrences).',
  );
export const occurrenceRequired = () =>
  conflict(
    'OCCURRENCE_REQUIRED',
    'Deze activiteit herhaalt zich: kies de keer waar het om gaat (/activities/:id/occurrences/:start/…).',
    'This activity repeats: choose the occurrence this is about (/activities/:id/occurrences/:start/…).',
  );
export const notRecurring = () =>
  conflict(
    'NOT_RECURRING',
    'Deze activiteit herhaalt zich niet: annuleer of wijzig de activiteit zelf.',
    'This activity does not repeat: cancel or change the activity itself.',
  );
export const occurrenceEnded = () =>
  conflict('OCCURRENCE_ENDED', 'Deze keer is al voorbij en kan niet meer veranderen.', 'This occurrence has already ended and can no longer change.');
export const occurrenceAlreadyCancelled = () =>
  conflict('OCCURRENCE_ALREADY_CANCELLED', 'Deze keer is al geannuleerd.', 'This occurrence has already been cancelled.');
export const invalidOccurrenceChange = () =>
  badRequest(
    'INVALID_OCCURRENCE_CHANGE',
    'Geef óf {"cancelled": true} óf een nieuw begin en einde ({"startsAt", "endsAt"}).',
    'Give either {"cancelled": true} or a new start and end ({"startsAt", "endsAt"}).',
  );
/** A moved occurrence may not overlap another occurrence of the same series. */
export const occurrenceOverlaps = (other: { startsAt: Date; endsAt: Date }, zone: string) =>
  new DomainError(409, 'OCCURRENCE_OVERLAPS', {
    nl: `Op die tijd is er al een andere keer van deze reeks (${when(other.startsAt, other.endsAt, zone, 'nl')}). Kies een andere tijd, of annuleer die keer eerst.`,
    en: `Another occurrence of this series is at that time (${when(other.startsAt, other.endsAt, zone, 'en')}). Choose another time, or cancel that occurrence first.`,
  }, { startsAt: other.startsAt.toISOString(), endsAt: other.endsAt.toISOString() });
