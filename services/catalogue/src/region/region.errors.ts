import { badRequest, forbidden, notFound } from '@kc/contracts';

export const regionNotFound = () => notFound('REGION_NOT_FOUND', 'Deze regio bestaat niet.', 'This region does not exist.');
export const regionRequired = () =>
  badRequest('CATALOGUE_REGION_REQUIRED', 'Geef aan voor welke regio (region) dit is.', 'Say which region (region) this is for.');
export const otherRegion = () =>
  forbidden('CATALOGUE_OTHER_REGION', 'Je hebt geen toegang tot de catalogus van een andere regio.', 'You have no access to another region’s catalogue.');
