import { notFound } from '@kc/contracts';

export const searchRegionNotFound = (slug: string) =>
  notFound('REGION_NOT_FOUND', `De regio "${slug}" bestaat niet (of is nog niet bekend bij het zoeken).`, `The region "${slug}" does not exist (or search does not know it yet).`);
