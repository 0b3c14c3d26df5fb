import { badRequest, conflict, forbidden, notFound } from '@kc/contracts';

export const organisationNotFound = () =>
  notFound('ORGANISATION_NOT_FOUND', 'Deze organisatie bestaat niet.', 'This organisation does not exist.');
export const notALibraryAdmin = () =>
  forbidden('NOT_A_LIBRARY_ADMIN', 'Alleen bibliotheekbeheerders van deze regio (of de landelijke beheerder) kunnen een organisatie aanmaken.', 'Only library administrators of this region (or the national operator) can create an organisation.');
export const notAnOrganisationAdmin = () =>
  forbidden('NOT_AN_ORGANISATION_ADMIN', 'Alleen beheerders van deze organisatie, bibliotheekbeheerders van de regio en de landelijke beheerder kunnen dit.', 'Only admins of this organisation, the region’s library administrators and the national operator can do this.');
export const invalidWebsite = () =>
  badRequest('INVALID_WEBSITE', 'De website moet een openbaar webadres zijn dat begint met http:// of https://.', 'The website must be a public web address starting with http:// or https://.');
export const accountNotFound = () =>
  notFound('ACCOUNT_NOT_FOUND', 'Dit account bestaat niet.', 'This account does not exist.');
export const accountOfOtherRegion = () =>
  conflict('ACCOUNT_OF_OTHER_REGION', 'Alleen accounts uit de regio van deze organisatie kunnen lid worden.', 'Only accounts of this organisation’s region can become members.');
export const alreadyOrganisationMember = () =>
  conflict('ALREADY_ORGANISATION_MEMBER', 'Deze persoon is al lid van de organisatie. Wijzig de rol als dat nodig is.', 'This person is already a member of the organisation. Change the role if needed.');
export const organisationMemberNotFound = () =>
  notFound('ORGANISATION_MEMBER_NOT_FOUND', 'Deze persoon is geen lid van deze organisatie.', 'This person is not a member of this organisation.');
export const lastOrganisationAdmin = () =>
  conflict('LAST_ORGANISATION_ADMIN', 'Een organisatie houdt minstens één beheerder. Maak eerst iemand anders beheerder.', 'An organisation keeps at least one admin. Make someone else admin first.');
export const organisationOfOtherRegion = () =>
  conflict('ORGANISATION_OF_OTHER_REGION', 'Alleen een organisatie uit de regio van de community (of een landelijke) kan meedoen.', 'Only an organisation of the community’s region (or a national one) can co-host.');
export const alreadyPartner = () =>
  conflict('ALREADY_PARTNER', 'Deze organisatie is al partner van deze community.', 'This organisation already co-hosts this community.');
export const partnerNotFound = () =>
  notFound('PARTNER_NOT_FOUND', 'Deze organisatie is geen partner van deze community.', 'This organisation does not co-host this community.');
