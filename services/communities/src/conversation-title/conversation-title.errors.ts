import { forbidden, notFound } from '@kc/contracts';

export const titleNotInConversation = () =>
  notFound('TITLE_NOT_IN_CONVERSATION', 'Deze titel hoort niet (meer) bij dit gesprek.', 'This title is not (or no longer) part of this conversation.');
export const suggestionNotFound = () =>
  notFound('SUGGESTION_NOT_FOUND', 'Deze titel wordt bij dit gesprek niet voorgesteld.', 'This title is not suggested for this conversation.');
export const notAllowedToRemoveTitle = () =>
  forbidden(
    'NOT_ALLOWED_TO_REMOVE_TITLE',
    'Alleen wie deze titel toevoegde of een moderator van de community kan haar weghalen.',
    'Only whoever added this title or a moderator of the community can remove it.',
  );
