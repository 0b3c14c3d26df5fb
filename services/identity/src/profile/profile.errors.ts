import { badRequest, forbidden } from '@kc/contracts';

export const peopleForbidden = () =>
  forbidden(
    'PEOPLE_DIRECTORY_FORBIDDEN',
    'Alleen leden van deze regio kunnen zien wie in deze regio wat weet.',
    'Only members of this region can see who knows what in this region.',
  );
export const invalidPeopleCursor = () =>
  badRequest('INVALID_CURSOR', 'De paginacursor is ongeldig. Begin opnieuw bij de eerste pagina.', 'The page cursor is invalid. Start again from the first page.');
