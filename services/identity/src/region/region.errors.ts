import { conflict, notFound } from '@kc/contracts';

export const regionNotFound = () => notFound('REGION_NOT_FOUND', 'Deze regio bestaat niet.', 'This region does not exist.');
export const regionSlugTaken = (slug: string) =>
  conflict('REGION_SLUG_TAKEN', `Er is al een regio met de naam "${slug}".`, `A region with slug "${slug}" already exists.`);
