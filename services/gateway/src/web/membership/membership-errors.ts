import { DomainError } from '@kc/contracts';

/** Shown instead of a form the service would refuse anyway (it still decides every action). */
export const MembershipPageErrors = {
  organisersOnly: () =>
    new DomainError(403, 'PAGE_FOR_ORGANISERS', {
      nl: 'Deze pagina is alleen voor organisatoren van deze community en de communitybibliothecarissen van de regio.',
      en: 'This page is only for organisers of this community and the region’s community librarians.',
    }),
  moderatorsOnly: () =>
    new DomainError(403, 'PAGE_FOR_MODERATORS', {
      nl: 'Deze pagina is alleen voor organisatoren en moderatoren van deze community en de communitybibliothecarissen van de regio.',
      en: 'This page is only for organisers and moderators of this community and the region’s community librarians.',
    }),
};
