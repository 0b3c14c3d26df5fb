import { COLLECTION_MAX_ITEMS, DomainError, badRequest, conflict, forbidden, notFound } from '@kc/contracts';

/** Also for a collection of a members-only community the caller may not see: never a hint that it exists. */
export const collectionNotFound = () =>
  notFound('COLLECTION_NOT_FOUND', 'Deze themacollectie bestaat niet (meer) of je hebt er geen toegang toe.', 'This theme collection does not exist (any more) or you have no access to it.');
export const collectionItemNotFound = () =>
  notFound('COLLECTION_ITEM_NOT_FOUND', 'Dit onderdeel hoort niet (meer) bij deze themacollectie.', 'This item is not (or no longer) part of this theme collection.');
export const notAllowedToEditCollection = () =>
  forbidden(
    'NOT_ALLOWED_TO_EDIT_COLLECTION',
    'Alleen wie deze themacollectie maakte, de organisatoren en de moderatoren van de community kunnen haar wijzigen.',
    'Only whoever made this theme collection and the organisers and moderators of the community can change it.',
  );
export const collectionFull = () =>
  conflict(
    'COLLECTION_FULL',
    `Een themacollectie heeft ten hoogste ${COLLECTION_MAX_ITEMS} onderdelen. Haal er eerst een weg of begin een nieuwe collectie.`,
    `A theme collection holds at most ${COLLECTION_MAX_ITEMS} items. Remove one first or start a new collection.`,
  );
export const targetNotInCommunity = (type: string) =>
  new DomainError(
    404, 'COLLECTION_TARGET_NOT_FOUND',
    {
      nl: 'Wat je wilt toevoegen bestaat niet, je hebt er geen toegang toe, of het hoort niet bij deze community.',
      en: 'What you want to add does not exist, you have no access to it, or it does not belong to this community.',
    },
    { type },
  );
export const invalidItem = (nl: string, en: string) => badRequest('INVALID_COLLECTION_ITEM', nl, en);
