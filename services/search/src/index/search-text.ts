import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './search-index.port';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const TAG = /<\/?[a-z!][^>]*>/gi;

/**
 * Text as the index keeps it: as the person typed it (plain text on this platform: nothing is
 * interpreted as HTML), without control characters or our highlight marks (so a mark in a
 * snippet always comes from the index), whitespace collapsed. Snippets are made safe on the
 * way out ({@link toSafeSnippet}).
 */
export function toIndexText(text: string, maxLength = 20_000): string {
  return text
    .replace(CONTROL, ' ')
    .replaceAll(HIGHLIGHT_START, '"')
    .replaceAll(HIGHLIGHT_STOP, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength);
}

/**
 * A snippet safe to show as text anywhere: no markup survives (angle brackets become
 * look-alike quotes), only the «» marks remain, whitespace collapsed, length bounded.
 */
export function toSafeSnippet(text: string, maxLength = 300): string {
  const plain = text
    .replace(TAG, ' ')
    .replace(CONTROL, ' ')
    .replaceAll('<', '‹')
    .replaceAll('>', '›')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  const base = (space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd();
  // An opening mark without its closing mark would highlight the ellipsis.
  const balanced = base.split(HIGHLIGHT_START).length > base.split(HIGHLIGHT_STOP).length ? `${base}${HIGHLIGHT_STOP}` : base;
  return `${balanced} …`;
}

/** The first words of a text, for hits without a highlighted fragment. */
export function leadOf(text: string, words = 30): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length > words ? `${all.slice(0, words).join(' ')} …` : all.join(' ');
}
