import { notFound } from '@kc/contracts';

export const conversationNotFound = () =>
  notFound('CONVERSATION_NOT_FOUND', 'Dit gesprek bestaat niet of je hebt er geen toegang toe.', 'This conversation does not exist or you have no access to it.');
