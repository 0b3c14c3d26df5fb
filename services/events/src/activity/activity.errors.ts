import { badRequest, conflict, forbidden, notFound } from '@kc/contracts';

export const activityNotFound = () =>
  notFound('ACTIVITY_NOT_FOUND', 'Deze activiteit bestaat niet of je hebt er geen toegang toe.', 'This activity does not exist or you have no access to it.');
export const communityNotFound = () =>
  notFound('COMMUNITY_NOT_FOUND', 'Deze community bestaat niet of je hebt er geen toegang toe.', 'This community does not exist or you have no access to it.');
export const notAllowedToSchedule = () =>
  forbidden(
    'NOT_ALLOWED_TO_SCHEDULE',
    'Alleen de organisator van de community of een communitybibliothecaris van de regio kan activiteiten plannen.',
    'Only the community’s organiser or a community librarian of its region can schedule activities.',
  );
export const invalidTimeRange = () =>
  badRequest('INVALID_TIME_RANGE', 'Het einde van de activiteit moet na het begin liggen.', 'The activity must end after it starts.');
export const startOutOfRange = () =>
  badRequest(
    'START_OUT_OF_RANGE',
    'Een activiteit moet beginnen tussen 1 januari 2000 en tien jaar na vandaag.',
    'An activity must start between 1 January 2000 and ten years from today.',
  );
export const activityTooLong = () =>
  badRequest(
    'ACTIVITY_TOO_LONG',
    'Een activiteit duurt hoogstens 31 dagen. Plan een langere reeks als losse activiteiten.',
    'An activity lasts at most 31 days. Schedule a longer series as separate activities.',
  );
export const invalidTimeZone = (zone: string) =>
  badRequest('INVALID_TIME_ZONE', `"${zone}" is geen bekende tijdzone (bijvoorbeeld Europe/Amsterdam).`, `"${zone}" is not a known time zone (e.g. Europe/Amsterdam).`);
export const locationRequired = () =>
  badRequest('LOCATION_REQUIRED', 'Geef een locatie op voor een activiteit op locatie of een hybride activiteit.', 'An in-person or hybrid activity needs a location.');
export const onlineUrlRequired = () =>
  badRequest('ONLINE_URL_REQUIRED', 'Geef een link (http of https) op voor een online of hybride activiteit.', 'An online or hybrid activity needs a link (http or https).');
export const notAllowedToManage = () =>
  forbidden(
    'NOT_ALLOWED_TO_MANAGE',
    'Alleen de organisator van de community of een communitybibliothecaris van de regio kan dit voor deze activiteit doen.',
    'Only the community’s organiser or a community librarian of its region can do this for this activity.',
  );
export const activityCancelled = () =>
  conflict('ACTIVITY_CANCELLED', 'Deze activiteit is geannuleerd.', 'This activity has been cancelled.');
export const alreadyCancelled = () =>
  conflict('ACTIVITY_ALREADY_CANCELLED', 'Deze activiteit is al geannuleerd.', 'This activity has already been cancelled.');
export const rsvpNotFound = () =>
  notFound('RSVP_NOT_FOUND', 'Je bent niet aangemeld voor deze activiteit.', 'You are not signed up for this activity.');
export const capacityBelowGoing = (going: number) =>
  conflict(
    'CAPACITY_BELOW_GOING',
    `Er zijn al ${going} deelnemers aangemeld; het aantal plaatsen kan niet lager zijn dan dat.`,
    `${going} people are already going; the number of places cannot be lower than that.`,
  );
export const activityEnded = () =>
  conflict('ACTIVITY_ENDED', 'Deze activiteit is al voorbij; aanmelden kan niet meer.', 'This activity has already ended; signing up is no longer possible.');
export const invalidCursor = () =>
  badRequest('INVALID_CURSOR', 'De paginacursor is ongeldig. Begin opnieuw bij de eerste pagina.', 'The page cursor is invalid. Start again from the first page.');
