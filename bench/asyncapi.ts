/**
 * A small benchmark of the contract layer itself: how fast an event envelope with a realistic
 * payload is validated (every consumer does this for every message) and how long generating
 * the AsyncAPI document takes.
 */
import { randomUUID } from 'node:crypto';
import { ConversationStarted, EventEnvelopeSchema } from '@kc/contracts';
import { generateAsyncApi } from '../libs/contracts/src/asyncapi/generate';

export async function run(): Promise<object> {
  const envelope = {
    id: randomUUID(), type: ConversationStarted.type, version: 1, occurredAt: new Date().toISOString(),
    region: randomUUID(), actor: randomUUID(), correlationId: randomUUID(), causationId: null,
    data: { conversationId: randomUUID(), communityId: randomUUID(), title: 'Hoe isoleer ik een jaren-dertigwoning?', body: 'Tekst '.repeat(200), visibility: 'public', revision: 0, authorId: randomUUID() },
  };
  const n = 50_000;
  for (let i = 0; i < 2000; i++) ConversationStarted.schema.parse(EventEnvelopeSchema.parse(envelope).data); // warm-up
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) ConversationStarted.schema.parse(EventEnvelopeSchema.parse(envelope).data);
  const validateNs = Number(process.hrtime.bigint() - t);
  t = process.hrtime.bigint();
  const runs = 20;
  for (let i = 0; i < runs; i++) generateAsyncApi('bench');
  const generateNs = Number(process.hrtime.bigint() - t);
  return {
    envelopeValidation: { messages: n, perSecond: Math.round(n / (validateNs / 1e9)), microsPerMessage: +(validateNs / n / 1000).toFixed(2) },
    asyncApiGeneration: { runs, msPerRun: +(generateNs / runs / 1e6).toFixed(1) },
  };
}
