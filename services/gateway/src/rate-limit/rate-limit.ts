import { Injectable, SetMetadata, type ExecutionContext, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Marks a route for the stricter `auth` limit (login, registration). */
export const AUTH_RATE_LIMITED = 'kc:auth-rate-limited';
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);
export const isAuthRateLimited = (context: ExecutionContext) => Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true;

/** The gateway's Redis connection (rate-limit counters). Commands fail fast while it is down. */
export class GatewayRedis implements OnApplicationShutdown {
  readonly client: Redis;
  constructor(url: string, logger: Logger) {
    // Auto-pipelining: the counters of all requests in flight go to Redis in one write.
    this.client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'gateway', enableAutoPipelining: true });
    this.client.on('error', (error) => logger.warn({ err: error.message }, 'redis error'));
  }
  async connect(): Promise<void> {
    await this.client.connect();
  }
  async check(): Promise<void> {
    await this.client.ping();
  }
  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

/**
 * Counters in Redis (@nest-lab/throttler-storage-redis) under the gateway's key prefix
 * (`<KC_QUEUE_PREFIX>:gateway:rl:`), shared by every gateway replica. When Redis is unreachable
 * the limiter fails open (logged): the API stays available; rate limiting is a protection,
 * not a precondition.
 */
export class FailOpenRedisThrottlerStorage implements ThrottlerStorage {
  private readonly storage: ThrottlerStorageRedisService;

  constructor(
    redis: GatewayRedis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.storage = new ThrottlerStorageRedisService(redis.client);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    try {
      return await this.storage.increment(`${this.prefix}${key}`, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'rate limiter unavailable, request allowed');
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}

/** Rate limits per verified account, or per client IP for anonymous callers. */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest;
    return request.kc?.accountId ? `account:${request.kc.accountId}` : `ip:${request.ip}`;
  }

  /** The standard `Retry-After` for every throttler (the library suffixes it with the throttler name). */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<{ header(name: string, value: unknown): void }>().header('Retry-After', Math.max(1, detail.timeToBlockExpire));
    await super.throwThrottlingException(context, detail);
  }
}
