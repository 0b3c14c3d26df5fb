import { badRequest, forbidden } from '@kc/contracts';

export const auditForbidden = () =>
  forbidden(
    'AUDIT_FORBIDDEN',
    'Alleen een bibliotheekbeheerder van deze regio of de landelijke beheerder mag het logboek zien.',
    'Only a library administrator of this region or the national operator may see the audit log.',
  );
export const invalidAuditCursor = () =>
  badRequest('INVALID_CURSOR', 'De paginacursor is ongeldig. Begin opnieuw bij de eerste pagina.', 'The page cursor is invalid. Start again from the first page.');
