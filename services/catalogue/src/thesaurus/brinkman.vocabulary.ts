import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThesaurusTerm } from '@kc/contracts';

/**
 * The Brinkman subject headings the catalogue ships with (services/catalogue/data/brinkman,
 * ODC-By: see the README there). The build copies the data folder into dist/ beside the code.
 */
export const BRINKMAN_VOCABULARY_FILE = join(__dirname, '..', '..', 'data', 'brinkman', 'brinkman-thesaurus-vocab.tsv');

export interface Vocabulary {
  name: 'brinkman';
  /** SHA-256 of the file and of how it is read (READING): the loader replaces the stored terms only when either changed. */
  sha256: string;
  terms: ThesaurusTerm[];
}

/** Raise when {@link readVocabulary} reads the same file into other rows: every database then loads it again. */
const READING = 'kc-thesaurus-reading-1';
const LINE = /^<(https?:\/\/[^<>\s]+)>\t(.+)$/;

/**
 * Reads a `<uri>` TAB label file. Its SHA-256 is taken at once; the lines are parsed when `terms`
 * is first read, so a start that finds this version loaded parses nothing. Labels NFC, white
 * space folded, repeated pairs once; a malformed line is an error naming its line number (a
 * broken shipped file is a build fault).
 */
export function readVocabulary(file = BRINKMAN_VOCABULARY_FILE): Vocabulary {
  const raw = readFileSync(file);
  let terms: ThesaurusTerm[] | undefined;
  return {
    name: 'brinkman',
    sha256: createHash('sha256').update(READING).update(raw).digest('hex'),
    get terms() {
      return (terms ??= parseTerms(raw.toString('utf8'), file));
    },
  };
}

function parseTerms(text: string, file: string): ThesaurusTerm[] {
  const seen = new Set<string>();
  const terms: ThesaurusTerm[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const match = LINE.exec(line.replace(/\r$/, ''));
    // 652 labels of the file are decomposed (NFD: 'i' + combining diaeresis): stored composed, as people type them.
    const label = match?.[2]?.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!match || !label) throw new Error(`${file}:${index + 1}: expected <uri> TAB label, found ${JSON.stringify(line.slice(0, 80))}`);
    const key = `${match[1]}\t${label}`;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ uri: match[1]!, label });
  });
  return terms;
}
