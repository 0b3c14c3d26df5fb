import { badRequest, forbidden, notFound } from '@kc/contracts';
import type { UrlRefusal } from './address-policy';

export const mediaUrlNotAllowed = (reason: UrlRefusal) =>
  badRequest(
    'MEDIA_URL_NOT_ALLOWED',
    'Dit adres kan niet als link worden toegevoegd: alleen openbare http(s)-adressen op de gewone poorten (80 en 443), zonder gebruikersnaam of wachtwoord, en geen adressen van interne netwerken of namen als localhost.',
    'This address cannot be added as a link: only public http(s) addresses on the usual ports (80 and 443), without user name or password, and no addresses of internal networks or names such as localhost.',
    { reason },
  );
export const mediaNotFound = () =>
  notFound('MEDIA_NOT_FOUND', 'Deze link bestaat niet (meer) of je hebt er geen toegang toe.', 'This link does not exist (any more) or you have no access to it.');
export const notAllowedToChangeMedia = () =>
  forbidden('NOT_ALLOWED_TO_CHANGE_MEDIA', 'Alleen wie deze link toevoegde kan het soort of de toelichting wijzigen.', 'Only whoever added this link can change its kind or note.');
export const notAllowedToRemoveMedia = () =>
  forbidden(
    'NOT_ALLOWED_TO_REMOVE_MEDIA',
    'Alleen wie deze link toevoegde of een moderator van de community kan haar weghalen.',
    'Only whoever added this link or a moderator of the community can remove it.',
  );
