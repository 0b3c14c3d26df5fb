import { Injectable } from '@nestjs/common';
import type { ObjectStore } from '@nats-io/obj';
import { CatalogueUploadBucket } from '@kc/contracts';
import { NatsClient, NatsNamespace, ObjectBucket } from '@kc/messaging';
import { Readable } from 'node:stream';

/** The JetStream object store bucket the gateway streams uploaded catalogue files into. */

/**
 * Uploaded catalogue files (object name = import id). Read as a stream, never whole in memory.
 */
@Injectable()
export class UploadStore {
  private readonly uploads: ObjectBucket;

  constructor(nats: NatsClient, ns: NatsNamespace) {
    this.uploads = new ObjectBucket(nats, ns, CatalogueUploadBucket);
  }

  private bucket(): Promise<ObjectStore> {
    return this.uploads.get();
  }

  /** The first `bytes` bytes of an object (fewer for a small file), or null when it does not exist. */
  async head(name: string, bytes = 8192): Promise<Buffer | null> {
    const result = await (await this.bucket()).get(name);
    if (!result) return null;
    // Chunks still arriving after the cancel below reject `error`: nobody needs that outcome.
    result.error.catch(() => undefined);
    const reader = result.data.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      while (size < bytes) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        size += value.byteLength;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(parts).subarray(0, bytes);
  }

  /** The object's size in bytes (from its info, without reading it), or null when it does not exist. */
  async size(name: string): Promise<number | null> {
    const info = await (await this.bucket()).info(name);
    return info && !info.deleted ? info.size : null;
  }

  /** The object's SHA-256 digest (from its info), or null when it does not exist. */
  async digest(name: string): Promise<string | null> {
    const info = await (await this.bucket()).info(name);
    return info && !info.deleted ? info.digest : null;
  }

  /** The object as a byte stream (backpressured), or null when it does not exist. */
  async open(name: string): Promise<AsyncIterable<Uint8Array> | null> {
    const result = await (await this.bucket()).get(name);
    if (!result) return null;
    const stream = Readable.fromWeb(result.data as never) as AsyncIterable<Uint8Array>;
    // Digest mismatch or a lost chunk surfaces through `error`; the stream then ends early. A
    // reader that stops early (a check that found its answer) cancels the stream, and chunks
    // still arriving then reject `error` too: observed here, so never an unhandled rejection.
    const outcome = result.error.then(() => null, (error: unknown) => error);
    return (async function* () {
      yield* stream;
      const error = await outcome;
      if (error) throw error;
    })();
  }

  async delete(name: string): Promise<void> {
    await (await this.bucket()).delete(name).catch(() => undefined);
  }
}
