import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ObjectStore } from '@nats-io/obj';
import { v7 as uuidv7 } from 'uuid';
import { CatalogueUploadBucket, DomainError } from '@kc/contracts';
import { NatsClient, NatsNamespace, ObjectBucket } from '@kc/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { EdgeErrors } from '../http/edge-errors';

/** The client went away (or its stream broke) before the upload was complete. */
class UploadAborted extends Error {}


/**
 * Streams an uploaded catalogue file into the JetStream object store (bucket
 * `catalogue-uploads`, object name = import id), chunk by chunk with back-pressure: the file is
 * never held in memory and never travels as one NATS message. The size limit is enforced
 * while streaming; a rejected or broken upload leaves no chunks behind.
 */
@Injectable()
export class CatalogueUploadService {
  private readonly uploads: ObjectBucket;

  constructor(
    nats: NatsClient,
    ns: NatsNamespace,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {
    this.uploads = new ObjectBucket(nats, ns, CatalogueUploadBucket);
  }

  get maxBytes(): number {
    return this.config.CATALOGUE_UPLOAD_MAX_BYTES;
  }

  /** Stores the upload; returns the new import id (UUIDv7), which is also the object's name. */
  async store(upload: Readable, declaredLength?: number): Promise<{ importId: string; size: number }> {
    if (declaredLength !== undefined && declaredLength > this.maxBytes) throw EdgeErrors.payloadTooLarge(this.maxBytes);
    const importId = uuidv7();
    const store = await this.bucket().catch((error: unknown) => {
      throw this.storeUnavailable(error);
    });
    const info = await store.put({ name: importId, description: 'catalogue upload' }, limitedStream(upload, this.maxBytes)).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      if (error instanceof UploadAborted) throw EdgeErrors.uploadAborted();
      throw this.storeUnavailable(error);
    });
    if (info.size === 0) {
      await store.delete(importId).catch(() => undefined);
      throw EdgeErrors.uploadEmpty();
    }
    return { importId, size: info.size };
  }

  private storeUnavailable(error: unknown): DomainError {
    this.logger.error({ err: error }, 'catalogue upload: object store unavailable');
    return EdgeErrors.uploadStoreUnavailable();
  }

  private bucket(): Promise<ObjectStore> {
    return this.uploads.get();
  }
}

/**
 * The request body as a web stream that errors with 413 once more than `maxBytes` arrived.
 * Back-pressure pauses the socket; on an error the request is paused, not destroyed, so the
 * 413 reply can still be sent.
 */
function limitedStream(source: Readable, maxBytes: number): ReadableStream<Uint8Array> {
  let seen = 0;
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (error: DomainError | UploadAborted) => {
          if (settled) return;
          settled = true;
          source.pause();
          source.removeAllListeners('data');
          controller.error(error);
        };
        source.on('data', (chunk: Buffer) => {
          if (settled) return;
          seen += chunk.length;
          if (seen > maxBytes) return fail(EdgeErrors.payloadTooLarge(maxBytes));
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        });
        source.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        source.once('error', (error) => fail(new UploadAborted(error.message)));
        source.once('close', () => fail(new UploadAborted('connection closed')));
      },
      pull() {
        if (!settled) source.resume();
      },
      cancel() {
        settled = true;
        source.pause();
      },
    },
    { highWaterMark: 8 },
  );
}
