import { DomainError, conflict, forbidden, notFound } from '@kc/contracts';

export const notAnOrganiser = () =>
  forbidden('NOT_AN_ORGANISER', 'Alleen organisatoren van deze community (en community-bibliothecarissen van de regio) kunnen dit.', 'Only organisers of this community (and the region’s community librarians) can do this.');
export const notAModerator = () =>
  forbidden('NOT_A_MODERATOR', 'Alleen organisatoren en moderatoren van deze community (en community-bibliothecarissen van de regio) kunnen dit.', 'Only organisers and moderators of this community (and the region’s community librarians) can do this.');
export const cannotRemoveHigherRole = () =>
  forbidden('CANNOT_REMOVE_ROLE', 'Een moderator kan alleen leden verwijderen, geen organisatoren of andere moderatoren.', 'A moderator can only remove members, not organisers or other moderators.');
export const memberNotFound = () =>
  notFound('MEMBER_NOT_FOUND', 'Deze persoon is geen lid van deze community.', 'This person is not a member of this community.');
export const requestNotFound = () =>
  notFound('MEMBERSHIP_REQUEST_NOT_FOUND', 'Er is geen open aanvraag van deze persoon voor deze community.', 'There is no open request to join from this person for this community.');
export const invitationNotFound = () =>
  notFound('INVITATION_NOT_FOUND', 'Deze uitnodiging bestaat niet. Controleer de link of vraag om een nieuwe.', 'This invitation does not exist. Check the link or ask for a new one.');
export const invitationGone = () =>
  new DomainError(410, 'INVITATION_GONE', {
    nl: 'Deze uitnodiging is verlopen of ingetrokken. Vraag een organisator om een nieuwe uitnodiging.',
    en: 'This invitation has expired or was revoked. Ask an organiser for a new invitation.',
  });
export const lastOrganiser = () =>
  conflict('LAST_ORGANISER', 'Een community heeft altijd minstens één organisator. Maak eerst iemand anders organisator.', 'A community always keeps at least one organiser. Make someone else organiser first.');
