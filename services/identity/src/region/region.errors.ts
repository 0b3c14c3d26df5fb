import { conflict, forbidden, notFound } from '@kc/contracts';

export const regionNotFound = () => notFound('REGION_NOT_FOUND', 'Deze regio bestaat niet.', 'This region does not exist.');
export const regionSlugTaken = (slug: string) =>
  conflict('REGION_SLUG_TAKEN', `Er is al een regio met de naam "${slug}".`, `A region with slug "${slug}" already exists.`);
/** Settings of a region (retention, single sign-on) are for its library administrators and the operator. */
export const notRegionAdmin = () =>
  forbidden('NOT_REGION_ADMIN', 'Alleen een bibliotheekbeheerder van deze regio of de landelijke beheerder mag dit.', 'Only a library administrator of this region or the national operator may do this.');
