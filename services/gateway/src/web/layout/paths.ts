/**
 * Every address of the web UI, in one place: the controllers declare their routes with these
 * patterns and the pages link with the builders, so a link cannot point at a route that moved.
 * Dutch paths in both languages (the language is a preference, not a place).
 */
export const Routes = {
  home: '/',
  region: '/regio/:slug',
  register: '/registreren',
  signIn: '/inloggen',
  signOut: '/uitloggen',
  language: '/taal/:lang',
  terms: '/gebruiksvoorwaarden',
  privacy: '/privacyverklaring',
  newCommunity: '/community/nieuw',
  community: '/community/:id',
  joinCommunity: '/community/:id/lid-worden',
  communityCalendar: '/community/:id/agenda.ics',
  newConversation: '/community/:id/gesprekken/nieuw',
  conversation: '/gesprekken/:id',
  conversationTitles: '/gesprekken/:id/bibliotheektitels',
  contributions: '/gesprekken/:id/bijdragen',
  replyContribution: '/bijdragen/:id/reageren',
  editContribution: '/bijdragen/:id/wijzigen',
  deleteContribution: '/bijdragen/:id/verwijderen',
  reactContribution: '/bijdragen/:id/reacties',
  addConversationTitle: '/gesprekken/:id/titels',
  removeConversationTitle: '/gesprekken/:id/titels/:titel/weghalen',
  dismissSuggestion: '/gesprekken/:id/voorstellen/:titel/niet-passend',
  conversationMedia: '/gesprekken/:id/links',
  changeMedia: '/gesprekken/:id/links/:link/wijzigen',
  removeMedia: '/gesprekken/:id/links/:link/weghalen',
  newActivity: '/community/:id/activiteiten/nieuw',
  activity: '/activiteiten/:id',
  rsvp: '/activiteiten/:id/aanmelden',
  cancelRsvp: '/activiteiten/:id/afmelden',
  attendees: '/activiteiten/:id/deelnemers',
  bookTable: '/activiteiten/:id/boekentafel',
  activityCapacity: '/activiteiten/:id/plaatsen',
  myActivities: '/mijn-activiteiten',
  checkIn: '/activiteiten/:id/inchecken',
  attendance: '/activiteiten/:id/aanwezigheid',
  cancelActivity: '/activiteiten/:id/annuleren',
  cancelOccurrence: '/activiteiten/:id/keer/annuleren',
  moveOccurrence: '/activiteiten/:id/keer/verplaatsen',
  rotateCalendarFeed: '/mijn-activiteiten/agenda-link/vernieuwen',
  regionCalendar: '/regio/:slug/agenda',
  regionCalendarFeed: '/regio/:slug/agenda.ics',
  search: '/zoeken',
  catalogue: '/beheer/catalogus',
  catalogueImport: '/beheer/catalogus/imports/:id',
  catalogueImportProgress: '/beheer/catalogus/imports/:id/voortgang',
  staff: '/beheer/medewerkers',
  revokeStaff: '/beheer/medewerkers/intrekken',
  operatorRegions: '/beheer/regios',
  audit: '/beheer/logboek',
  operatorUsage: '/beheer/gebruik',
  myProfile: '/mijn-profiel',
  myData: '/mijn-gegevens',
  myDataDownload: '/mijn-gegevens/:id/download',
  people: '/regio/:slug/wie-weet-wat',
} as const;

const fill = (pattern: string, params: Record<string, string>) =>
  pattern.replace(/:([a-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

export const paths = {
  home: () => Routes.home,
  region: (slug: string) => fill(Routes.region, { slug }),
  register: (region?: string) => (region ? `${Routes.register}?regio=${encodeURIComponent(region)}` : Routes.register),
  signIn: (next?: string) => (next ? `${Routes.signIn}?terug=${encodeURIComponent(next)}` : Routes.signIn),
  signOut: () => Routes.signOut,
  language: (lang: string, back: string) => `${fill(Routes.language, { lang })}?terug=${encodeURIComponent(back)}`,
  terms: () => Routes.terms,
  privacy: () => Routes.privacy,
  newCommunity: () => Routes.newCommunity,
  community: (id: string) => fill(Routes.community, { id }),
  joinCommunity: (id: string) => fill(Routes.joinCommunity, { id }),
  newConversation: (communityId: string) => fill(Routes.newConversation, { id: communityId }),
  conversation: (id: string) => fill(Routes.conversation, { id }),
  conversationTitles: (id: string) => fill(Routes.conversationTitles, { id }),
  contributions: (conversationId: string) => fill(Routes.contributions, { id: conversationId }),
  replyContribution: (id: string) => fill(Routes.replyContribution, { id }),
  editContribution: (id: string) => fill(Routes.editContribution, { id }),
  deleteContribution: (id: string) => fill(Routes.deleteContribution, { id }),
  reactContribution: (id: string) => fill(Routes.reactContribution, { id }),
  addConversationTitle: (conversationId: string) => fill(Routes.addConversationTitle, { id: conversationId }),
  removeConversationTitle: (conversationId: string, titleId: string) => fill(Routes.removeConversationTitle, { id: conversationId, titel: titleId }),
  dismissSuggestion: (conversationId: string, titleId: string) => fill(Routes.dismissSuggestion, { id: conversationId, titel: titleId }),
  conversationMedia: (conversationId: string) => fill(Routes.conversationMedia, { id: conversationId }),
  addMedia: (conversationId: string) => fill(Routes.conversationMedia, { id: conversationId }),
  changeMedia: (conversationId: string, mediaId: string) => fill(Routes.changeMedia, { id: conversationId, link: mediaId }),
  removeMedia: (conversationId: string, mediaId: string) => fill(Routes.removeMedia, { id: conversationId, link: mediaId }),
  newActivity: (communityId: string) => fill(Routes.newActivity, { id: communityId }),
  activity: (id: string) => fill(Routes.activity, { id }),
  rsvp: (id: string) => fill(Routes.rsvp, { id }),
  cancelRsvp: (id: string) => fill(Routes.cancelRsvp, { id }),
  attendees: (id: string) => fill(Routes.attendees, { id }),
  bookTable: (id: string) => fill(Routes.bookTable, { id }),
  activityCapacity: (id: string) => fill(Routes.activityCapacity, { id }),
  myActivities: () => Routes.myActivities,
  checkIn: (id: string) => fill(Routes.checkIn, { id }),
  attendance: (id: string) => fill(Routes.attendance, { id }),
  cancelActivity: (id: string) => fill(Routes.cancelActivity, { id }),
  cancelOccurrence: (id: string) => fill(Routes.cancelOccurrence, { id }),
  moveOccurrence: (id: string) => fill(Routes.moveOccurrence, { id }),
  rotateCalendarFeed: () => Routes.rotateCalendarFeed,
  regionCalendar: (slug: string, q: { view?: string; date?: string; mode?: string; communityId?: string } = {}) => {
    const query = new URLSearchParams(Object.entries({ weergave: q.view, datum: q.date, vorm: q.mode, community: q.communityId }).filter((e): e is [string, string] => !!e[1]));
    const base = fill(Routes.regionCalendar, { slug });
    return query.size ? `${base}?${query}` : base;
  },
  regionCalendarFeed: (slug: string) => `/api/v1/regions/${encodeURIComponent(slug)}/calendar.ics`,
  communityCalendar: (communityId: string) => fill(Routes.communityCalendar, { id: communityId }),
  search: (q?: string) => (q ? `${Routes.search}?q=${encodeURIComponent(q)}` : Routes.search),
  catalogue: () => Routes.catalogue,
  catalogueImport: (id: string) => fill(Routes.catalogueImport, { id }),
  catalogueImportProgress: (id: string) => fill(Routes.catalogueImportProgress, { id }),
  staff: () => Routes.staff,
  revokeStaff: () => Routes.revokeStaff,
  operatorRegions: () => Routes.operatorRegions,
  audit: () => Routes.audit,
  operatorUsage: () => Routes.operatorUsage,
  myProfile: () => Routes.myProfile,
  myData: () => Routes.myData,
  myDataDownload: (id: string) => fill(Routes.myDataDownload, { id }),
  people: (slug: string) => fill(Routes.people, { slug }),
};

/**
 * A return address taken from a query parameter, only when it is a path on this site
 * (`/…`, not `//host` or `/\host`): anything else goes home, so no link can send a person away.
 */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  return value;
}
