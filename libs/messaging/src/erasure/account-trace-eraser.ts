import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ERASURE_PROTOCOL_TYPES } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { NatsNamespace } from '../nats/namespace';
import { NatsClient } from '../nats/nats-connection';
import { isNotFound } from '../nats/streams';

const BATCH = 500;

/**
 * The traces of an erased account in a service's messaging (GDPR art. 17, ADR 0035): the events
 * it published are kept in its outbox table (72 h) and its JetStream stream (30 days), and the
 * ones its handlers gave up on in the dead-letter stream. Erasure deletes every one that
 * mentions the account, except the erasure's own events (ids only, and every service needs them).
 */
@Injectable()
export class AccountTraceEraser {
  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /**
   * Everything of the account in this service's messaging: first its outbox rows (in the caller's
   * transaction, so an unpublished one is never published after the stream was searched), then
   * the messages in its stream and its dead letters. `alsoMentioning`: ids of what the person
   * wrote whose words others' events repeat (a conversation's title in every reply's event).
   * Returns how many were deleted.
   */
  async erase(em: EntityManager, accountId: string, alsoMentioning: readonly string[] = []): Promise<{ outbox: number; stream: number; deadLetters: number }> {
    const needles = [accountId, ...alsoMentioning];
    const outbox = await this.eraseOutbox(em, needles);
    const stream = !this.options.produces ? 0 : await this.eraseFromStream(this.ns.streamOf(this.options.service), needles);
    const deadLetters = await this.eraseFromStream(this.ns.deadLetterStream, needles, this.ns.subject(`kc.deadletter.${this.options.service}.>`));
    return { outbox, stream, deadLetters };
  }

  private async eraseOutbox(em: EntityManager, needles: string[]): Promise<number> {
    const rows = await sqlRows(
      em,
      `DELETE FROM kc_outbox WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle WHERE strpos(payload::text, needle) > 0)
         AND NOT (payload->>'type' = ANY($2::text[])) RETURNING id`,
      [needles, [...ERASURE_PROTOCOL_TYPES]],
    );
    return rows.length;
  }

  /** Reads the stream once from its first message to its last (an ordered consumer) and deletes, overwriting, what mentions a needle. */
  private async eraseFromStream(stream: string, needles: string[], filterSubject?: string): Promise<number> {
    const jsm = this.nats.manager;
    let last: number;
    try {
      const { state } = await jsm.streams.info(stream);
      if (state.messages === 0) return 0;
      last = state.last_seq;
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    const consumer = await this.nats.jetstream.consumers.get(stream, filterSubject ? { filter_subjects: filterSubject } : {});
    const found: number[] = [];
    try {
      for (let seen = 0; seen < last; ) {
        const pending = (await consumer.info()).num_pending;
        if (pending === 0) break;
        const messages = await consumer.fetch({ max_messages: Math.min(pending, BATCH), expires: 5000 });
        let received = 0;
        for await (const msg of messages) {
          received += 1;
          seen = msg.seq;
          const protocol = ERASURE_PROTOCOL_TYPES.some((type) => this.ns.stripSubject(msg.subject).endsWith(type));
          const text = msg.string();
          if (!protocol && needles.some((needle) => text.includes(needle))) found.push(msg.seq);
          if (received === Math.min(pending, BATCH) || seen >= last) break;
        }
        if (received === 0) break;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    for (const seq of found) {
      await jsm.streams.deleteMessage(stream, seq, true).catch((error: Error) => {
        if (!isNotFound(error) && !/no message found|sequence/i.test(error.message)) throw error;
      });
    }
    return found.length;
  }
}
