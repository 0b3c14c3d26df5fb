import { conflict, forbidden } from '@kc/contracts';

export const staffRoleForbidden = () =>
  forbidden(
    'STAFF_ROLE_FORBIDDEN',
    'Alleen de landelijke beheerder of een bibliotheekbeheerder van deze regio mag medewerkersrollen toekennen of intrekken.',
    'Only the national operator or a library administrator of this region may grant or revoke staff roles.',
  );
export const accountNotInRegion = () =>
  conflict(
    'ACCOUNT_NOT_IN_REGION',
    'Dit account hoort niet bij deze regio; een medewerkersrol kan alleen binnen de eigen regio worden toegekend.',
    'This account does not belong to this region; a staff role can only be granted within the account’s own region.',
  );
export const staffListForbidden = () =>
  forbidden(
    'STAFF_LIST_FORBIDDEN',
    'Alleen de landelijke beheerder of een bibliotheekbeheerder van deze regio mag de medewerkers zien.',
    'Only the national operator or a library administrator of this region may see its staff.',
  );
