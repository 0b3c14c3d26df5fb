import { badRequest, notFound } from '@kc/contracts';

export const regionNotFound = () =>
  notFound('REGION_NOT_FOUND', 'Deze regio bestaat niet.', 'This region does not exist.');
export const invalidWindow = () =>
  badRequest('INVALID_RANGE', 'Het einde van de periode (to) moet na het begin (from) liggen.', 'The end of the period (to) must be after its start (from).');
/** The years a calendar period may fall in: far from the edges where PostgreSQL refuses a date (it has no year 0). */
export const CALENDAR_YEARS = { first: 1900, last: 9000 } as const;
export const windowOutOfBounds = () =>
  badRequest('RANGE_OUT_OF_BOUNDS', `Vraag een periode tussen de jaren ${CALENDAR_YEARS.first} en ${CALENDAR_YEARS.last} op.`, `Ask for a period between the years ${CALENDAR_YEARS.first} and ${CALENDAR_YEARS.last}.`);
export const windowTooLong = (days: number) =>
  badRequest('RANGE_TOO_LONG', `Vraag een periode van hoogstens ${days} dagen op.`, `Ask for a period of at most ${days} days.`);
export const feedNotFound = () =>
  notFound('CALENDAR_FEED_NOT_FOUND', 'Deze agenda-link bestaat niet (meer). Vraag op KennisCloud een nieuwe link op.', 'This calendar link does not exist (any more). Get a new link on KennisCloud.');
