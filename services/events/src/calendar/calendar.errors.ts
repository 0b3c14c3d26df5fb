import { badRequest, notFound } from '@kc/contracts';

export const regionNotFound = () =>
  notFound('REGION_NOT_FOUND', 'Deze regio bestaat niet.', 'This region does not exist.');
export const invalidWindow = () =>
  badRequest('INVALID_RANGE', 'Het einde van de periode (to) moet na het begin (from) liggen.', 'The end of the period (to) must be after its start (from).');
export const windowTooLong = (days: number) =>
  badRequest('RANGE_TOO_LONG', `Vraag een periode van hoogstens ${days} dagen op.`, `Ask for a period of at most ${days} days.`);
export const feedNotFound = () =>
  notFound('CALENDAR_FEED_NOT_FOUND', 'Deze agenda-link bestaat niet (meer). Vraag op KennisCloud een nieuwe link op.', 'This calendar link does not exist (any more). Get a new link on KennisCloud.');
