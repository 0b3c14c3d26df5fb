import { badRequest, conflict, forbidden, notFound } from '@kc/contracts';

export const cohostIsHost = () =>
  badRequest('COHOST_IS_HOST', 'Deze community organiseert de activiteit al zelf.', 'This community already hosts the activity itself.');
export const cohostOtherRegion = () =>
  badRequest(
    'COHOST_OTHER_REGION',
    'Alleen een community uit dezelfde regio kan een activiteit mee organiseren.',
    'Only a community of the same region can co-host an activity.',
  );
export const cohostAlreadyInvited = () =>
  conflict(
    'COHOST_ALREADY_INVITED',
    'Deze community is al uitgenodigd of organiseert al mee.',
    'This community has already been invited or co-hosts already.',
  );
export const tooManyCohosts = (max: number) =>
  conflict('TOO_MANY_COHOSTS', `Een activiteit heeft hoogstens ${max} mede-organiserende communities.`, `An activity has at most ${max} co-hosting communities.`);
export const cohostActivityEnded = () =>
  conflict('ACTIVITY_ENDED', 'Deze activiteit is al voorbij; samen organiseren kan niet meer.', 'This activity has already ended; co-hosting is no longer possible.');
export const cohostInvitationNotFound = () =>
  notFound('COHOST_INVITATION_NOT_FOUND', 'Er is geen uitnodiging van deze community om deze activiteit mee te organiseren.', 'There is no invitation for this community to co-host this activity.');
export const cohostAlreadyAnswered = () =>
  conflict(
    'COHOST_ALREADY_ANSWERED',
    'Op deze uitnodiging is al geantwoord. De organisator kan de community opnieuw uitnodigen.',
    'This invitation has already been answered. The organiser can invite the community again.',
  );
export const notAllowedToAnswerCohost = () =>
  forbidden(
    'NOT_ALLOWED_TO_ANSWER_COHOST',
    'Alleen de organisator van de uitgenodigde community of een communitybibliothecaris van de regio kan hierop antwoorden.',
    'Only the invited community’s organiser or a community librarian of the region can answer this.',
  );
export const notAllowedToSeeCohostInvitations = () =>
  forbidden(
    'NOT_ALLOWED_TO_SEE_COHOST_INVITATIONS',
    'Alleen de organisator van de community of een communitybibliothecaris van de regio ziet de uitnodigingen om mee te organiseren.',
    'Only the community’s organiser or a community librarian of the region sees the invitations to co-host.',
  );
