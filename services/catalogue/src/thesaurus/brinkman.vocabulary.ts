import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Brinkman subject headings the catalogue ships with (services/catalogue/data/brinkman,
 * ODC-By: see the README there). The build copies the data folder into dist/ beside the code.
 */
export const BRINKMAN_VOCABULARY_FILE = join(__dirname, '..', '..', 'data', 'brinkman', 'brinkman-thesaurus-vocab.tsv');

export interface Vocabulary {
  name: 'brinkman';
  /** SHA-256 of the file and of how it is read (READING): the loader replaces the stored terms only when either changed. */
  sha256: string;
  /** Where the file came from, for the message about a malformed line. */
  file: string;
  /**
   * The file as it is on disk, `<uri>` TAB label a line. PostgreSQL parses it when the loader
   * stores it ({@link ThesaurusLoader}): the catalogue's heap never holds the 14,737 terms.
   */
  content: Buffer;
}

/**
 * Raise when the loader reads the same file into other rows (its reading rules: ThesaurusLoader's
 * statement): every database then loads it again. Parsing in PostgreSQL instead of JavaScript
 * kept the rows the same, so the version stayed.
 */
const READING = 'kc-thesaurus-reading-1';

/** Reads a vocabulary file and takes its SHA-256; nothing is parsed here (a start that finds this version loaded parses nothing). */
export function readVocabulary(file = BRINKMAN_VOCABULARY_FILE): Vocabulary {
  const content = readFileSync(file);
  return { name: 'brinkman', sha256: createHash('sha256').update(READING).update(content).digest('hex'), file, content };
}
