import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { GatewayRedis, isAuthRateLimited, FailOpenRedisThrottlerStorage } from './rate-limit';

/**
 * Two limits, both counted in Redis: `default` for every API route (per account, or per IP
 * when anonymous) and the stricter `auth` for login and registration (per IP).
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    const redis = new GatewayRedis(config.REDIS_URL, logger);
    const ttl = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    return {
      module: RateLimitModule,
      global: true,
      imports: [
        ThrottlerModule.forRootAsync({
          useFactory: async () => {
            await redis.connect().catch((error: Error) => logger.warn({ err: error.message }, 'redis not reachable at start; rate limits fail open until it is'));
            return {
              throttlers: [
                { name: 'default', ttl, limit: config.RATE_LIMIT_MAX },
                { name: 'auth', ttl, limit: config.AUTH_RATE_LIMIT_MAX, skipIf: (context) => !isAuthRateLimited(context) },
              ],
              storage: new FailOpenRedisThrottlerStorage(redis, `${config.KC_QUEUE_PREFIX}:gateway:rl:`, logger),
            };
          },
        }),
      ],
      providers: [{ provide: GatewayRedis, useValue: redis }],
      exports: [GatewayRedis, ThrottlerModule],
    };
  }
}
