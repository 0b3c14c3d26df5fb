import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { TestScope, waitFor, type InProcessService } from '@kc/testing';
import { CatalogueQueue, redisConnection, suggestJobId } from '../src/queue/queues';
import { QueueSweeper } from '../src/queue/sweeper';
import { CatalogueTestKit } from './catalogue-test-kit';

/**
 * The sweeper against real Redis: a suggestion request whose job failed without its failure
 * being recorded, or whose job vanished, gets a fresh job; one that used all its attempts ends
 * `failed`. Never `pending` for ever.
 */
describe('catalogue: the sweeper never leaves a suggestion request pending (real PostgreSQL, NATS, Redis)', () => {
  const scope = new TestScope('catalogue-sweeper');
  // The test calls sweep() itself; the timer stays out of the way.
  const kit = new CatalogueTestKit(scope, { CATALOGUE_SWEEP_INTERVAL_MS: '3600000', CATALOGUE_SWEEP_AFTER_MS: '0', CATALOGUE_JOB_ATTEMPTS: '2', CATALOGUE_SWEEP_MAX_RETRIES: '1', CATALOGUE_JOB_BACKOFF_MS: '50' });
  let worker: InProcessService;
  let queue: Queue;

  beforeAll(async () => {
    await kit.start();
    worker = await kit.startWorker();
    queue = new Queue(CatalogueQueue.Suggest, { connection: redisConnection(kit.config.REDIS_URL), prefix: kit.config.KC_QUEUE_PREFIX });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await kit.stop();
    await scope.dispose();
  });

  async function pendingRequest(attempts = 0): Promise<{ conversationId: string; jobId: string }> {
    const conversationId = randomUUID();
    await kit.query(
      `INSERT INTO suggestion_requests (id, conversation_id, community_id, region_id, revision, title, body, event_id, correlation_id, status, attempts, updated_at)
       VALUES ($1, $2, $3, $4, 0, 'Zonnepanelen', 'Wie heeft ervaring met zonnepanelen?', $5, 'sweeper-test', 'pending', $6, now() - interval '1 hour')`,
      [randomUUID(), conversationId, randomUUID(), randomUUID(), randomUUID(), attempts],
    );
    return { conversationId, jobId: suggestJobId(conversationId, 0) };
  }
  const request = async (conversationId: string) =>
    (await kit.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM suggestion_requests WHERE conversation_id = $1', [conversationId]))[0]!;
  const sweeper = () => worker.get<QueueSweeper>(QueueSweeper);

  /** A job with the request's id that fails at once without recording anything (its payload breaks the schema). */
  async function failedJob(jobId: string, conversationId: string): Promise<void> {
    await queue.add('suggest', { conversationId, revision: 0, unexpected: true } as never, { jobId, attempts: 1 });
    await waitFor(async () => (await queue.getJob(jobId))?.getState().then((s) => s === 'failed'), 20_000);
  }

  it('replaces a failed job whose failure was never recorded, and the request is done', async () => {
    const { conversationId, jobId } = await pendingRequest();
    await failedJob(jobId, conversationId);
    expect(await request(conversationId)).toMatchObject({ status: 'pending' });

    expect(await sweeper().sweep()).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await request(conversationId)).status === 'done', 20_000);
    expect(await (await queue.getJob(jobId))?.getState()).toBe('completed');
  });

  it('adds the job again when it vanished from Redis', async () => {
    const { conversationId, jobId } = await pendingRequest();
    expect(await queue.getJob(jobId)).toBeUndefined();
    await sweeper().sweep();
    await waitFor(async () => (await request(conversationId)).status === 'done', 20_000);
  });

  it('marks a request failed, with the reason, once its attempts are used up and its job failed again', async () => {
    const { conversationId, jobId } = await pendingRequest(2 * (1 + 1));
    await failedJob(jobId, conversationId);
    await sweeper().sweep();
    const row = await request(conversationId);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/invalid catalogue-suggest job payload.*opgegeven na 4 pogingen/s);
    expect(await queue.getJob(jobId)).toBeUndefined();
    // Set back to pending by an operator: the sweeper retries it.
    await kit.query("UPDATE suggestion_requests SET status = 'pending', attempts = 0, updated_at = now() - interval '1 hour' WHERE conversation_id = $1", [conversationId]);
    await sweeper().sweep();
    await waitFor(async () => (await request(conversationId)).status === 'done', 20_000);
  });
});
