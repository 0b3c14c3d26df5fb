/** What everyone but the author and the moderators sees in place of hidden content. */
export const HIDDEN_NOTICE = { nl: 'Verborgen door een moderator', en: 'Hidden by a moderator' } as const;
