// Generated catalogue records for benchmarks and the noisy-catalogue quality test: realistic,
// noisy records built at run time from the Brinkman vocabulary (subject headings, ODC-By, shipped
// with the catalogue: services/catalogue/data/brinkman/) and ../shared/data/kb-dissertations-brinkman.jsonl
// (titles, abstracts and subjects of KB dissertations: research data without a licence, read
// here, never copied into the repository; `sharedDataMissing(DISSERTATIONS)` says when absent).
// Generated from the Brinkman vocabulary and KB dissertations, not a real library catalogue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '@kc/testing';
import type { MappedTitle } from '../src/marc/marc-mapping';
import { BRINKMAN_VOCABULARY_FILE } from '../src/thesaurus/brinkman.vocabulary';

/** The dissertations file in the shared research data. */
export const DISSERTATIONS = 'kb-dissertations-brinkman.jsonl';
const VOCABULARY = BRINKMAN_VOCABULARY_FILE;

/** Source ids of generated records: `gen-<seed>-<n>`, the long repetitive ones `gen-long-<seed>-<n>`. */
export const GENERATED_PREFIX = 'gen-';
export const STUFFED_PREFIX = 'gen-long-';

/** Whether a source id is one of the generated long records that repeat common words. */
export function isStuffedRecord(sourceId: string): boolean {
  return sourceId.startsWith(STUFFED_PREFIX);
}

/** Whether a source id is a generated record (stuffed or not). */
export function isGeneratedRecord(sourceId: string): boolean {
  return sourceId.startsWith(GENERATED_PREFIX);
}

/** mulberry32: deterministic catalogue for a given seed */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Dissertation {
  title: string;
  abstract: string;
  keywords: string;
  lang_guess: string;
  brinkman_subjects: Array<{ label: string }>;
}

const FILLER = ['Een praktisch boek over', 'Overzicht van', 'Handboek voor wie meer wil weten over', 'Verhalen en achtergronden bij', 'Inleiding in', 'Nieuwe inzichten over'];
const CONNECT = ['en', 'in Nederland', 'voor beginners', 'in de praktijk', 'thuis en in de buurt', 'voor jong en oud'];
/** the common words a long record repeats */
const STUFFING = 'wonen huis energie buurt ouderen';

let sources: { vocab: string[]; dissertations: Dissertation[] } | undefined;

function sourceData(): { vocab: string[]; dissertations: Dissertation[] } {
  sources ??= {
    vocab: readFileSync(VOCABULARY, 'utf8').split('\n').map((l) => l.split('\t')[1]?.trim()).filter((l): l is string => !!l),
    dissertations: readFileSync(join(SHARED_DATA, DISSERTATIONS), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Dissertation),
  };
  return sources;
}

/**
 * Realistic noisy records, deterministic for a seed: dissertation records (~40 %, several
 * languages, long abstracts) and records built from Brinkman headings, ~3 % of those long and
 * repeating common words (`wonen huis energie buurt ouderen`; source id `gen-long-…`).
 */
export function generateCatalogue(size: number, seed: number): MappedTitle[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const { vocab, dissertations } = sourceData();
  const titles: MappedTitle[] = [];
  for (let i = 0; i < size; i++) {
    if (rand() < 0.4) {
      const d = pick(dissertations);
      titles.push({ sourceId: `${GENERATED_PREFIX}${seed}-${i}`, title: d.title.slice(0, 500), authors: [`Auteur ${i % 997}`], year: 1990 + Math.floor(rand() * 35), isbn: null, subjects: d.brinkman_subjects.map((s) => s.label), summary: (d.abstract || d.keywords).slice(0, 4000) || null, language: d.lang_guess === 'nl' ? 'dut' : d.lang_guess === 'en' ? 'eng' : d.lang_guess });
    } else {
      const subjects = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(vocab));
      const long = rand() < 0.03; // a few very long records that repeat common words
      const sentences = Array.from({ length: long ? 60 : 1 + Math.floor(rand() * 4) }, () => `${pick(FILLER)} ${pick(subjects)} ${pick(CONNECT)} ${long ? STUFFING : ''}.`);
      titles.push({ sourceId: `${long ? STUFFED_PREFIX : GENERATED_PREFIX}${seed}-${i}`, title: `${pick(subjects).replace(/^./, (c) => c.toUpperCase())} ${pick(CONNECT)}`, authors: [`Auteur ${i % 997}`], year: 1980 + Math.floor(rand() * 45), isbn: null, subjects, summary: sentences.join(' '), language: 'dut' });
    }
  }
  return titles;
}
