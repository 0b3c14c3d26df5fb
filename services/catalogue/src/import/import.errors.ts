import { badRequest, conflict, forbidden, notFound } from '@kc/contracts';

export const importForbidden = () =>
  forbidden('CATALOGUE_IMPORT_FORBIDDEN', 'Alleen een bibliotheekbeheerder van deze regio (of de landelijke beheerder) mag een catalogus importeren.', 'Only a library administrator of this region (or the national operator) may import a catalogue.');
export const importNotFound = () => notFound('CATALOGUE_IMPORT_NOT_FOUND', 'Deze import bestaat niet.', 'This import does not exist.');
export const uploadNotFound = () =>
  badRequest('CATALOGUE_UPLOAD_NOT_FOUND', 'Het geüploade bestand is niet gevonden. Upload het opnieuw.', 'The uploaded file was not found. Please upload it again.');
export const fileNotMarc = () =>
  badRequest(
    'CATALOGUE_FILE_NOT_MARC',
    'Dit bestand is geen MARC-bestand. Upload een MARC21-bestand (ISO 2709, .mrc) of MARCXML (.xml met <record> of <collection>). Er is niets geïmporteerd.',
    'This file is not a MARC file. Upload MARC21 (ISO 2709, .mrc) or MARCXML (.xml with <record> or <collection>). Nothing was imported.',
  );
export const importIdTaken = () =>
  conflict('CATALOGUE_IMPORT_EXISTS', 'Er bestaat al een import met dit id in een andere regio.', 'An import with this id already exists in another region.');
