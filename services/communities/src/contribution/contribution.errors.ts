import { badRequest, conflict, forbidden, notFound } from '@kc/contracts';

export const contributionNotFound = () =>
  notFound('CONTRIBUTION_NOT_FOUND', 'Deze bijdrage bestaat niet of je hebt er geen toegang toe.', 'This contribution does not exist or you have no access to it.');
export const parentNotInConversation = () =>
  badRequest(
    'CONTRIBUTION_PARENT_NOT_FOUND',
    'De bijdrage waarop je reageert (parentId) hoort niet bij dit gesprek.',
    'The contribution you reply to (parentId) is not part of this conversation.',
  );
export const mentionNotAMember = (accountIds: string[]) =>
  badRequest(
    'MENTION_NOT_A_MEMBER',
    'Je kunt alleen leden van deze community noemen; niet elk genoemd account (mentions) is lid.',
    'You can only mention members of this community; not every mentioned account (mentions) is a member.',
    { accountIds },
  );
export const notTheAuthor = () =>
  forbidden('NOT_THE_AUTHOR', 'Alleen de schrijver kan deze bijdrage wijzigen.', 'Only the author can change this contribution.');
export const notAllowedToDelete = () =>
  forbidden(
    'NOT_ALLOWED_TO_DELETE',
    'Alleen de schrijver of een moderator van de community kan deze bijdrage verwijderen.',
    'Only the author or a moderator of the community can delete this contribution.',
  );
export const contributionDeleted = () =>
  conflict('CONTRIBUTION_DELETED', 'Deze bijdrage is verwijderd; je kunt haar niet meer wijzigen en er geen reactie meer op geven.', 'This contribution was deleted; it can no longer be changed or reacted to.');
