import type { ServiceName } from '@kc/contracts';

/**
 * The narrowest single filter subject that takes every event type a service handles from one
 * producer's stream: the type itself when there is one, else the tokens the types share
 * followed by `>` (at least `kc.<source>.>`). NATS 2.9 takes one filter subject per consumer.
 * What the filter leaves out never reaches the service: identity, which needs only the
 * erasure confirmations of the other services, no longer receives (and acks) every
 * conversation, contribution and suggestion.
 */
export function subjectFilterFor(source: ServiceName, types: readonly string[]): string {
  const floor = ['kc', source];
  const own = types.filter((type) => type.startsWith(`kc.${source}.`));
  if (own.length === 0 || own.length !== types.length) return [...floor, '>'].join('.');
  if (new Set(own).size === 1) return own[0]!;
  const split = own.map((type) => type.split('.'));
  const shared: string[] = [];
  for (let i = 0; split.every((tokens) => i < tokens.length - 1 && tokens[i] === split[0]![i]); i++) shared.push(split[0]![i]!);
  return [...(shared.length > floor.length ? shared : floor), '>'].join('.');
}
