import { Readable } from 'node:stream';
import Busboy from '@fastify/busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { EdgeErrors } from '../../http/edge-errors';

export interface ReceivedUpload<T> {
  /** The form's text fields that came before the file. */
  fields: Record<string, string>;
  /** What `handle` made of the file, or null when none was chosen. */
  file: T | null;
}

export interface UploadOptions<T> {
  fileField: string;
  /** Checks the fields sent before the file (the CSRF token); throwing refuses the upload before it is read. */
  beforeFile: (fields: Record<string, string>) => void;
  /** Streams the file on (never buffered); its failure (e.g. 413) ends the upload at once. */
  handle: (file: Readable, info: { filename: string; mimeType: string }) => Promise<T>;
}

/**
 * A `multipart/form-data` form with one file, read as a stream with @fastify/busboy: the
 * fields first (a browser sends them in the form's order, the CSRF token before the file),
 * then the file handed to `handle` with back-pressure.
 */
export function receiveUpload<T>(body: Readable, headers: IncomingHttpHeaders, options: UploadOptions<T>): Promise<ReceivedUpload<T>> {
  return new Promise((resolve, reject) => {
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({ headers: headers as IncomingHttpHeaders & { 'content-type': string }, limits: { files: 1, fields: 10, fieldSize: 2048, parts: 12 } });
    } catch {
      return reject(EdgeErrors.badRequest());
    }
    const fields: Record<string, string> = {};
    let file: Promise<T | null> = Promise.resolve(null);
    let refused = false;
    const refuse = (error: unknown) => {
      if (refused) return;
      refused = true;
      body.unpipe(parser);
      reject(error);
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, filename, _encoding, mimeType) => {
      if (refused || name !== options.fileField || !filename) return void stream.resume();
      try {
        options.beforeFile(fields);
      } catch (error) {
        stream.resume();
        return refuse(error);
      }
      file = options.handle(stream, { filename, mimeType });
      file.catch(refuse);
    });
    parser.on('error', () => refuse(EdgeErrors.uploadAborted()));
    parser.on('finish', () => {
      if (!refused) file.then((result) => resolve({ fields, file: result }), refuse);
    });
    body.on('error', () => refuse(EdgeErrors.uploadAborted()));
    body.pipe(parser);
  });
}

/**
 * The file as a stream that notes its format from its first bytes: MARCXML begins with `<`
 * (after an optional byte-order mark and white space), ISO 2709 (MARC 21) with the record's
 * five-digit length. The catalogue checks the rest.
 */
export function sniffFormat(source: Readable): { stream: Readable; format: () => 'marcxml' | 'marc21' } {
  let format: 'marcxml' | 'marc21' = 'marc21';
  let decided = false;
  async function* pass() {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (!decided) {
        const text = chunk.toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
        if (text.length > 0) {
          format = text.startsWith('<') ? 'marcxml' : 'marc21';
          decided = true;
        }
      }
      yield chunk;
    }
  }
  return { stream: Readable.from(pass()), format: () => format };
}
