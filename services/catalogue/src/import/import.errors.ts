import { badRequest, conflict, forbidden, notFound } from '@kc/contracts';
import type { Iso2709FileProblem } from '../marc/iso2709-reader';
import { xmlProblemMessages, type XmlProblem } from '../marc/marcxml-check';

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
/** A MARCXML file that is not well-formed XML: the whole file is refused, nothing is imported. */
export const fileNotWellFormedXml = (problem: XmlProblem) => {
  const { nl, en } = xmlProblemMessages(problem);
  return badRequest('CATALOGUE_FILE_INVALID', nl, en);
};
/** The Dutch message for an ISO 2709 file without a single readable record. */
const iso2709UnreadableMessage = (problem: Iso2709FileProblem) =>
  `Er kon geen enkel MARC21-record (ISO 2709) uit het bestand worden gelezen: ${problem.first.replace(/\.$/, '')}; er is niets geïmporteerd.`;
/** An ISO 2709 file of which not a single record can be read: refused as a whole, like a file that is not MARC. */
export const fileUnreadableIso2709 = (problem: Iso2709FileProblem) =>
  badRequest(
    'CATALOGUE_FILE_INVALID',
    iso2709UnreadableMessage(problem),
    `Not a single MARC21 (ISO 2709) record could be read from the file (${problem.errors} error(s)); nothing was imported.`,
  );
export const importIdTaken = () =>
  conflict('CATALOGUE_IMPORT_EXISTS', 'Er bestaat al een import met dit id in een andere regio.', 'An import with this id already exists in another region.');
