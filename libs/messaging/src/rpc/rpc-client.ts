import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, isRpcErrorPayload, type RequestContract, type RequestMeta, type RequestOf, type ResponseOf } from '@kc/contracts';
import type { Logger } from 'pino';
import { NatsNamespace } from '../nats/namespace';
import { NatsClient } from '../nats/nats-connection';
import { ReplyInbox, ReplyTimeoutError } from './reply-inbox';

/** What an {@link NatsRpcServer} answers: `{id, response}` or `{id, err}`. */
interface ReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Sends a request to the service that owns a contract and waits for its reply. A service that
 * does not answer in time becomes a 504 (`UPSTREAM_TIMEOUT`), one that cannot be reached (no
 * replica listening, NATS away) a 503 (`UPSTREAM_UNAVAILABLE`); the service's own errors
 * arrive as {@link DomainError}s.
 *
 * It speaks the wire format of the {@link NatsRpcServer} (that of `@nestjs/microservices`' NATS
 * transport), over the process's one NATS connection and one reply subscription
 * ({@link ReplyInbox}): no subscription per request, no second connection.
 */
@Injectable()
export class RpcClient {
  private readonly replies: ReplyInbox;

  constructor(
    private readonly ns: NatsNamespace,
    private readonly nats: NatsClient,
    private readonly timeoutMs: number,
  ) {
    this.replies = new ReplyInbox(() => nats.nc);
  }

  /** A client with a connection of its own (tools and tests). */
  static async standalone(ns: NatsNamespace, natsUrl: string, timeoutMs: number, name: string, logger: Logger): Promise<RpcClient> {
    const nats = new NatsClient(natsUrl, name, logger);
    await nats.connect();
    return new RpcClient(ns, nats, timeoutMs);
  }

  async connect(): Promise<void> {
    await this.nats.connect();
  }

  async send<C extends RequestContract>(contract: C, data: RequestOf<C> | Record<string, unknown>, meta: RequestMeta, timeoutMs = this.timeoutMs): Promise<ResponseOf<C>> {
    const packet = JSON.stringify({ pattern: contract.pattern, data: { meta, data }, id: randomUUID() });
    let reply: ReplyPacket;
    try {
      const msg = await this.replies.request(this.ns.subject(contract.pattern), packet, timeoutMs);
      reply = msg.json<ReplyPacket>();
    } catch (error) {
      throw unreachable(contract, error);
    }
    if (reply.err !== undefined) {
      if (isRpcErrorPayload(reply.err)) throw DomainError.fromPayload(reply.err);
      throw new DomainError(502, 'UPSTREAM_ERROR', {
        nl: `De dienst ${contract.service} gaf een onverwacht antwoord.`,
        en: `The ${contract.service} service gave an unexpected answer.`,
      });
    }
    return reply.response as ResponseOf<C>;
  }

  /** Closes the connection of a {@link standalone} client. */
  async close(): Promise<void> {
    await this.nats.onApplicationShutdown();
  }
}

function unreachable(contract: RequestContract, error: unknown): DomainError {
  if (error instanceof ReplyTimeoutError) {
    return new DomainError(504, 'UPSTREAM_TIMEOUT', {
      nl: `De dienst ${contract.service} antwoordt niet op tijd. Probeer het zo opnieuw.`,
      en: `The ${contract.service} service did not answer in time. Please try again shortly.`,
    });
  }
  return new DomainError(503, 'UPSTREAM_UNAVAILABLE', {
    nl: `De dienst ${contract.service} is tijdelijk niet bereikbaar.`,
    en: `The ${contract.service} service is temporarily unavailable.`,
  }, { cause: (error as Error)?.message ?? String(error) });
}
