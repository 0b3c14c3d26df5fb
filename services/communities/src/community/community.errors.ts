import { badRequest, forbidden, notFound } from '@kc/contracts';

/** Also for a members-only community the caller may not see: never a 403 that reveals it exists. */
export const communityNotFound = () =>
  notFound('COMMUNITY_NOT_FOUND', 'Deze community bestaat niet of je hebt er geen toegang toe.', 'This community does not exist or you have no access to it.');
export const otherRegion = () =>
  forbidden(
    'COMMUNITY_OTHER_REGION',
    'Deze community hoort bij een andere regio; je kunt alleen lid worden van communities in je eigen regio.',
    'This community belongs to another region; you can only join communities in your own region.',
  );
export const notAMember = () =>
  forbidden('NOT_A_MEMBER', 'Alleen leden van deze community kunnen dit. Word eerst lid.', 'Only members of this community can do this. Join it first.');
export const invalidCursor = () =>
  badRequest('INVALID_CURSOR', 'De paginacursor is ongeldig. Begin opnieuw bij de eerste pagina.', 'The page cursor is invalid. Start again from the first page.');
export const invitationRequired = () =>
  forbidden('INVITATION_REQUIRED', 'Voor deze community heb je een uitnodiging nodig. Vraag een organisator om een uitnodigingslink.', 'This community is by invitation only. Ask an organiser for an invitation link.');
export const notALibrarian = () =>
  forbidden(
    'NOT_A_COMMUNITY_LIBRARIAN',
    'Alleen community-bibliothecarissen van je regio kunnen een community namens de bibliotheek starten.',
    'Only community librarians of your region can start a community on behalf of the library.',
  );
export const notAllowedNational = () =>
  forbidden(
    'NOT_ALLOWED_NATIONAL',
    'Alleen een community-bibliothecaris of de landelijke beheerder kan een landelijke community starten.',
    'Only a community librarian or the national operator can start a national community.',
  );
export const staffJoinOnlyNational = () =>
  badRequest('STAFF_JOIN_ONLY_NATIONAL', 'Alleen een landelijke community kan alleen bibliotheekmedewerkers toelaten.', 'Only a national community can admit library staff alone.');
export const staffOnly = () =>
  forbidden(
    'STAFF_ONLY',
    'Deze landelijke community is alleen voor bibliotheekmedewerkers (community-bibliothecarissen en bibliotheekbeheerders).',
    'This national community is for library staff only (community librarians and library administrators).',
  );
