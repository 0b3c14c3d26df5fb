import type { Lang } from './i18n';

/**
 * What a form's redirect says happened (`?melding=<key>`): a fixed text per key, so the address
 * never carries words of its own onto the page.
 */
const NOTICES = {
  welkom: { nl: 'Welkom bij KennisCloud! Je account is aangemaakt en je bent ingelogd.', en: 'Welcome to KennisCloud! Your account has been created and you are signed in.' },
  ingelogd: { nl: 'Je bent ingelogd.', en: 'You are signed in.' },
  uitgelogd: { nl: 'Je bent uitgelogd.', en: 'You are signed out.' },
  'community-gestart': { nl: 'Je community is gestart. Jij bent de organisator.', en: 'Your community has started. You are its organiser.' },
  lid: { nl: 'Je bent lid van deze community.', en: 'You are a member of this community.' },
  'lid-aangevraagd': { nl: 'Je aanvraag is verstuurd. Een organisator of moderator beslist erover.', en: 'Your request has been sent. An organiser or moderator will decide on it.' },
  'community-verlaten': { nl: 'Je bent geen lid meer van deze community.', en: 'You are no longer a member of this community.' },
  'instellingen-opgeslagen': { nl: 'De instellingen zijn opgeslagen.', en: 'The settings have been saved.' },
  'plan-opgeslagen': { nl: 'Het communityplan is opgeslagen.', en: 'The community plan has been saved.' },
  'aanvraag-goedgekeurd': { nl: 'De aanvraag is goedgekeurd: de persoon is nu lid.', en: 'The request has been approved: the person is now a member.' },
  'aanvraag-afgewezen': { nl: 'De aanvraag is afgewezen.', en: 'The request has been rejected.' },
  'lidrol-gewijzigd': { nl: 'De rol is gewijzigd.', en: 'The role has been changed.' },
  'lid-verwijderd': { nl: 'Het lid is uit de community verwijderd.', en: 'The member has been removed from the community.' },
  'uitnodiging-ingetrokken': { nl: 'De uitnodiging is ingetrokken: de link werkt niet meer.', en: 'The invitation has been revoked: the link no longer works.' },
  'uitnodiging-geaccepteerd': { nl: 'Welkom! Je bent nu lid van deze community.', en: 'Welcome! You are now a member of this community.' },
  'gesprek-gestart': { nl: 'Je gesprek is gestart.', en: 'Your conversation has started.' },
  'bijdrage-geplaatst': { nl: 'Je bijdrage staat in het gesprek.', en: 'Your contribution is in the conversation.' },
  'bijdrage-gewijzigd': { nl: 'Je bijdrage is gewijzigd.', en: 'Your contribution has been changed.' },
  'bijdrage-verwijderd': { nl: 'De bijdrage is verwijderd.', en: 'The contribution has been deleted.' },
  'titel-toegevoegd': { nl: 'De titel is toegevoegd aan het gesprek.', en: 'The title has been added to the conversation.' },
  'titel-weggehaald': { nl: 'De titel is uit het gesprek weggehaald.', en: 'The title has been removed from the conversation.' },
  'titel-niet-passend': { nl: 'Genoteerd: deze titel wordt niet meer voorgesteld bij dit gesprek.', en: 'Noted: this title will no longer be suggested for this conversation.' },
  'link-gedeeld': { nl: 'De link staat in het gesprek; het voorbeeld volgt zo.', en: 'The link is in the conversation; its preview follows shortly.' },
  'link-gewijzigd': { nl: 'De link is gewijzigd.', en: 'The link has been changed.' },
  'link-weggehaald': { nl: 'De link is uit het gesprek weggehaald.', en: 'The link has been removed from the conversation.' },
  'collectie-gemaakt': { nl: 'Je themacollectie is gemaakt. Voeg er nu titels, links, gesprekken en activiteiten aan toe.', en: 'Your theme collection has been made. Now add titles, links, conversations and activities to it.' },
  'collectie-gewijzigd': { nl: 'De themacollectie is gewijzigd.', en: 'The theme collection has been changed.' },
  'collectie-verwijderd': { nl: 'De themacollectie is verwijderd.', en: 'The theme collection has been deleted.' },
  'onderdeel-toegevoegd': { nl: 'Het onderdeel staat achteraan in de themacollectie.', en: 'The item has been added at the end of the theme collection.' },
  'onderdeel-gewijzigd': { nl: 'Het onderdeel is gewijzigd.', en: 'The item has been changed.' },
  'onderdeel-verplaatst': { nl: 'Het onderdeel is verplaatst.', en: 'The item has been moved.' },
  'onderdeel-weggehaald': { nl: 'Het onderdeel is uit de themacollectie weggehaald.', en: 'The item has been removed from the theme collection.' },
  'activiteit-gepland': { nl: 'De activiteit staat in de agenda.', en: 'The activity is on the calendar.' },
  aangemeld: { nl: 'Je bent aangemeld. Tot dan!', en: 'You are signed up. See you there!' },
  wachtlijst: { nl: 'De activiteit is vol: je staat op de wachtlijst. Komt er een plaats vrij, dan krijg jij die als je vooraan staat.', en: 'The activity is full: you are on the waiting list. When a place comes free and you are first, it is yours.' },
  'agenda-link-vernieuwd': { nl: 'Je hebt een nieuwe agenda-link. De oude werkt niet meer: zet de nieuwe in je agenda-app.', en: 'You have a new calendar link. The old one no longer works: add the new one to your calendar app.' },
  ingecheckt: { nl: 'Je bent ingecheckt. Welkom!', en: 'You have checked in. Welcome!' },
  'aanwezigheid-vastgelegd': { nl: 'De aanwezigheid is vastgelegd.', en: 'Attendance has been recorded.' },
  'keer-geannuleerd': { nl: 'Deze keer is geannuleerd. Wie was aangemeld, krijgt bericht.', en: 'This occurrence has been cancelled. Everyone who signed up will be told.' },
  'keer-verplaatst': { nl: 'Deze keer is verplaatst. Wie was aangemeld, blijft aangemeld en krijgt bericht.', en: 'This occurrence has been moved. Everyone who signed up stays signed up and will be told.' },
  'activiteit-geannuleerd': { nl: 'De activiteit is geannuleerd. Wie was aangemeld, krijgt bericht.', en: 'The activity has been cancelled. Everyone who signed up will be told.' },
  'community-uitgenodigd': { nl: 'De community is uitgenodigd om mee te organiseren. Haar organisator beslist erover.', en: 'The community has been invited to co-host. Its organiser will decide.' },
  'mede-organisator-weggehaald': { nl: 'De community organiseert niet meer mee.', en: 'The community no longer co-hosts.' },
  'samen-organiseren-aangenomen': { nl: 'Jullie organiseren de activiteit mee: ze staat nu ook in jullie agenda.', en: 'You co-host the activity: it is now on your calendar too.' },
  'samen-organiseren-afgeslagen': { nl: 'De uitnodiging is afgeslagen.', en: 'The invitation has been declined.' },
  gemeld: { nl: 'Bedankt. Je melding is naar de moderatoren van de community gestuurd.', en: 'Thank you. Your report has been sent to the community’s moderators.' },
  verborgen: { nl: 'De inhoud is verborgen. Anderen zien nu ‘Verborgen door een moderator’.', en: 'The content is hidden. Others now see ‘Hidden by a moderator’.' },
  teruggezet: { nl: 'De inhoud is teruggezet en weer voor iedereen zichtbaar.', en: 'The content is restored and visible to everyone again.' },
  'melding-afgewezen': { nl: 'De meldingen zijn afgewezen; de inhoud blijft zichtbaar.', en: 'The reports were dismissed; the content stays visible.' },
  geblokkeerd: { nl: 'De persoon is geblokkeerd en is geen lid meer van deze community.', en: 'The person has been blocked and is no longer a member of this community.' },
  'blokkade-opgeheven': { nl: 'De blokkade is opgeheven. De persoon kan weer lid worden.', en: 'The block has been lifted. The person may join again.' },
  'organisatie-aangemaakt': { nl: 'De organisatie is aangemaakt. Voeg nu de mensen van de organisatie toe.', en: 'The organisation has been created. Now add the organisation’s people.' },
  'organisatie-opgeslagen': { nl: 'Het profiel van de organisatie is opgeslagen.', en: 'The organisation’s profile has been saved.' },
  'rol-gewijzigd': { nl: 'De rol is gewijzigd.', en: 'The role has been changed.' },
  'lid-weggehaald': { nl: 'De persoon is geen lid meer van de organisatie.', en: 'The person is no longer a member of the organisation.' },
  'partner-toegevoegd': { nl: 'De organisatie is partner van de community.', en: 'The organisation now co-hosts the community.' },
  'partner-weggehaald': { nl: 'De organisatie is geen partner meer van de community.', en: 'The organisation no longer co-hosts the community.' },
  'lid-toegevoegd': { nl: 'Het lid is toegevoegd aan de organisatie.', en: 'The member has been added to the organisation.' },
  afgemeld: { nl: 'Je bent afgemeld. Je plaats gaat naar de eerste op de wachtlijst.', en: 'You have cancelled. Your place goes to the first on the waiting list.' },
  'plaatsen-gewijzigd': { nl: 'Het aantal plaatsen is gewijzigd; wie op de wachtlijst stond, schuift zo nodig door.', en: 'The number of places has been changed; people on the waiting list moved up where places came free.' },
  'import-gestart': { nl: 'Het bestand is ontvangen; de import loopt.', en: 'The file has been received; the import is running.' },
  'regio-toegevoegd': { nl: 'De regio is toegevoegd.', en: 'The region has been added.' },
  'rol-gegeven': { nl: 'De rol is toegekend.', en: 'The role has been granted.' },
  'rol-ingetrokken': { nl: 'De rol is ingetrokken.', en: 'The role has been revoked.' },
  'vestiging-toegevoegd': { nl: 'De vestiging is toegevoegd.', en: 'The branch has been added.' },
  'vestiging-gesloten': { nl: 'De vestiging en haar zalen zijn weggehaald.', en: 'The branch and its rooms have been removed.' },
  'vestiging-gewijzigd': { nl: 'De vestiging is gewijzigd; komende activiteiten in haar zalen tonen het nieuwe adres.', en: 'The branch has been changed; coming activities in its rooms show the new address.' },
  'zaal-toegevoegd': { nl: 'De zaal is toegevoegd.', en: 'The room has been added.' },
  'zaal-gewijzigd': { nl: 'De zaal van de activiteit is gewijzigd.', en: 'The activity’s room has been changed.' },
  'zaal-weggehaald': { nl: 'De zaal is weggehaald.', en: 'The room has been removed.' },
  'apparaat-uitgelogd': { nl: 'Dat apparaat is uitgelogd.', en: 'That device has been signed out.' },
  'overal-uitgelogd': { nl: 'Je bent op al je apparaten uitgelogd, ook hier.', en: 'You have been signed out on all your devices, this one included.' },
  'wachtwoord-gewijzigd': { nl: 'Je wachtwoord is gewijzigd. Op je andere apparaten ben je uitgelogd.', en: 'Your password has been changed. You have been signed out on your other devices.' },
  'profiel-opgeslagen': { nl: 'Je profiel is opgeslagen.', en: 'Your profile has been saved.' },
  'account-gewist': { nl: 'Je account is gewist. Elke dienst verwijdert nu wat hij over je bewaarde; binnen een minuut is alles weg.', en: 'Your account has been erased. Every service is deleting what it held about you; within a minute it is all gone.' },
  'wachtwoord-hersteld': { nl: 'Je nieuwe wachtwoord is ingesteld. Log ermee in; op al je apparaten ben je uitgelogd.', en: 'Your new password is set. Sign in with it; you have been signed out on all your devices.' },
  'e-mailadres-bevestigd': { nl: 'Bedankt, je e-mailadres is bevestigd.', en: 'Thank you, your e-mail address is confirmed.' },
  'bevestigingsmail-verstuurd': { nl: 'We hebben je een nieuwe bevestigingsmail gestuurd. Klik op de link erin.', en: 'We have sent you a new confirmation e-mail. Click the link in it.' },
  'te-veel-mails': { nl: 'We hebben je het afgelopen uur al een paar mails gestuurd. Kijk ook bij ongewenste e-mail, of probeer het over een uur opnieuw.', en: 'We already sent you a few e-mails in the last hour. Check your spam folder too, or try again in an hour.' },
  'export-gevraagd': { nl: 'We verzamelen je gegevens bij elke dienst. Binnen een minuut kun je ze downloaden.', en: 'We are collecting your data from every service. You can download it within a minute.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type NoticeKey = keyof typeof NOTICES;

export function noticeText(key: unknown, lang: Lang): string | undefined {
  return typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key as NoticeKey][lang] : undefined;
}

/** `path` with `?melding=<key>` (or `&melding=`). */
export function withNotice(path: string, key: NoticeKey): string {
  return `${path}${path.includes('?') ? '&' : '?'}melding=${key}`;
}
