import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import Redis from 'ioredis';
import { TEST_NATS_URL, TEST_REDIS_URL, type TestScope } from '@kc/testing';
import type { ScopeDatabases } from './databases';

/** The services with a database, as the platform of a test scope has them. */
const DATABASES = ['identity', 'communities', 'events', 'catalogue', 'search'];

/**
 * Where any of `needles` (an e-mail address, a name, a sentence) is still stored in a test
 * scope's platform: every row of every table of every service database, every Redis key, and
 * every message of the scope's JetStream streams (events, dead letters, key-value and object
 * buckets). Returns one line per place found; an erasure test expects none.
 */
export async function findTraces(scope: TestScope, databases: ScopeDatabases, needles: string[]): Promise<string[]> {
  const found = [...(await inDatabases(databases, needles)), ...(await inRedis(needles)), ...(await inStreams(scope, needles))];
  return found.sort();
}

async function inDatabases(databases: ScopeDatabases, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const service of DATABASES) {
    const tables = await databases.query<{ name: string }>(service, `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    for (const { name } of tables) {
      for (const needle of needles) {
        const [row] = await databases.query<{ n: number }>(service, `SELECT count(*)::int AS n FROM ${name} t WHERE strpos(lower(t::text), lower($1)) > 0`, [needle]);
        if (row!.n > 0) found.push(`database ${service}, table ${name}: ${row!.n} row(s) with "${needle}"`);
      }
    }
  }
  return found;
}

async function inRedis(needles: string[]): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const found: string[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const text = `${key} ${await redisValue(redis, key)}`.toLowerCase();
        for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push(`redis key ${key}: "${needle}"`);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return found;
}

async function redisValue(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string': return (await redis.getBuffer(key))?.toString('latin1') ?? '';
    case 'hash': return JSON.stringify(await redis.hgetall(key));
    case 'list': return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set': return JSON.stringify(await redis.smembers(key));
    case 'zset': return JSON.stringify(await redis.zrange(key, 0, -1));
    case 'stream': return JSON.stringify(await redis.xrange(key, '-', '+'));
    default: return '';
  }
}

async function inStreams(scope: TestScope, needles: string[]): Promise<string[]> {
  const nc = await connect({ servers: TEST_NATS_URL });
  const found: string[] = [];
  try {
    const jsm = await jetstreamManager(nc);
    const ours = (name: string) => name.startsWith(`${scope.namespace.toUpperCase()}_`) || name.startsWith(`OBJ_${scope.namespace}-`) || name.startsWith(`KV_${scope.namespace}-`);
    for await (const name of jsm.streams.names()) if (ours(name)) found.push(...(await inStream(jsm, name, needles)));
  } finally {
    await nc.close();
  }
  return found;
}

async function inStream(jsm: JetStreamManager, stream: string, needles: string[]): Promise<string[]> {
  const { state } = await jsm.streams.info(stream);
  const found: string[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null); // deleted: a gap
    if (!message) continue;
    const text = `${message.subject} ${new TextDecoder().decode(message.data)}`.toLowerCase();
    for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push(`stream ${stream}, message ${seq} (${message.subject}): "${needle}"`);
  }
  return found;
}
