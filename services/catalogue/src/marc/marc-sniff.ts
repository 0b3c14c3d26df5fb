export type SniffedFormat = 'marcxml' | 'marc21';

/**
 * Decides from the first bytes of a file whether it is MARC at all: an ISO 2709 leader
 * (record length and base address as digits, "45" entry map) or XML whose root element is a
 * MARCXML `record` or `collection` (any prefix). Anything else (OAI-PMH, Dublin Core, CSV,
 * PDF, …) is not MARC.
 */
export function sniffMarc(head: Uint8Array): SniffedFormat | null {
  let bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes.length - i >= 24 && isIsoLeader(bytes.toString('latin1', i, i + 24))) return 'marc21';
  if (bytes[i] === 0x3c /* < */) return xmlRootIsMarc(bytes.toString('utf8', i)) ? 'marcxml' : null;
  return null;
}

function isIsoLeader(leader: string): boolean {
  // 00-04 record length, 12-16 base address of data, 20-21 length-of-field / starting-position digits ("45").
  return /^\d{5}.{7}\d{5}.{3}45/s.test(leader);
}

function xmlRootIsMarc(text: string): boolean {
  // Skip the declaration, processing instructions, comments and a doctype before the root.
  const rest = text.replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>))*\s*/i, '');
  const root = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([\s/>])/.exec(rest);
  if (!root) return false;
  const local = root[2];
  if (local !== 'collection' && local !== 'record') return false;
  // A namespace other than MARC 21 slim on the root means another format with the same word.
  const tagEnd = rest.indexOf('>');
  const openTag = tagEnd === -1 ? rest : rest.slice(0, tagEnd);
  const prefix = root[1]?.slice(0, -1);
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(openTag)?.[1];
  return ns === undefined || ns === '' || ns === 'http://www.loc.gov/MARC21/slim';
}
