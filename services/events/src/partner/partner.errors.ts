import { conflict, notFound } from '@kc/contracts';

export const organisationNotFound = () =>
  notFound('ORGANISATION_NOT_FOUND', 'Deze organisatie bestaat niet.', 'This organisation does not exist.');
export const organisationOfOtherRegion = () =>
  conflict('ORGANISATION_OF_OTHER_REGION', 'Alleen een organisatie uit de regio van de activiteit (of een landelijke) kan meedoen.', 'Only an organisation of the activity’s region (or a national one) can co-host.');
export const alreadyPartner = () =>
  conflict('ALREADY_PARTNER', 'Deze organisatie werkt al mee aan deze activiteit.', 'This organisation already co-hosts this activity.');
export const partnerNotFound = () =>
  notFound('PARTNER_NOT_FOUND', 'Deze organisatie werkt niet mee aan deze activiteit.', 'This organisation does not co-host this activity.');
