import { notFound, type ModeratedTargetType } from '@kc/contracts';

const NAMES: Record<ModeratedTargetType, { nl: string; en: string }> = {
  contribution: { nl: 'Deze bijdrage', en: 'This contribution' },
  conversation: { nl: 'Dit gesprek', en: 'This conversation' },
  media: { nl: 'Deze media-link', en: 'This media link' },
  collection: { nl: 'Deze themacollectie', en: 'This theme collection' },
};

export const targetNotFound = (type: ModeratedTargetType) =>
  notFound(
    `${type.toUpperCase()}_NOT_FOUND`,
    `${NAMES[type].nl} bestaat niet of je hebt er geen toegang toe.`,
    `${NAMES[type].en} does not exist or you have no access to it.`,
  );
export const reportNotFound = () =>
  notFound('REPORT_NOT_FOUND', 'Deze melding bestaat niet of is al afgehandeld.', 'This report does not exist or was already handled.');
