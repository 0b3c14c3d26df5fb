import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { deadLetterReplayContract, SERVICES, type ServiceName } from '@kc/contracts';
import { BaseConfigSchema, createLogger, loadConfig } from '@kc/observability';
import { NatsNamespace } from '../nats/namespace';
import { RpcClient } from '../rpc/rpc-client';
import { DeadLetterStore, type DeadLetter } from './dead-letter-store';

export const DEAD_LETTER_USAGE = `Gebruik / usage:
  npm run deadletters -- list [<service>]     dode berichten tonen / list dead letters
  npm run deadletters -- replay <service>     opnieuw afhandelen door de draaiende service / replay through the running service
  (--json voor machineleesbare uitvoer / for machine-readable output)
services: ${SERVICES.filter((s) => s !== 'gateway').join(', ')}`;

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Parsed = { command: 'list'; service?: ServiceName; json: boolean } | { command: 'replay'; service: ServiceName; json: boolean };

export function parseDeadLetterArgs(args: string[]): Parsed | { error: string } {
  const json = args.includes('--json');
  const [command, service, ...rest] = args.filter((a) => a !== '--json');
  if (rest.length) return { error: `te veel argumenten / too many arguments: ${rest.join(' ')}` };
  if (service !== undefined && !isService(service)) return { error: `onbekende service / unknown service: ${service}` };
  if (command === 'list') return { command, service, json };
  if (command === 'replay') return service ? { command, service, json } : { error: 'replay heeft een service nodig / replay needs a service' };
  return { error: command ? `onbekend commando / unknown command: ${command}` : 'geen commando / no command' };
}

const isService = (name: string): name is ServiceName => (SERVICES as readonly string[]).includes(name);

/**
 * The operator command behind `npm run deadletters`: `list` reads the dead-letter stream
 * directly (also when the service is down); `replay` asks the running service to replay its
 * own dead letters through its handlers and prints what happened. Exit code 0 when nothing
 * is left failing.
 */
export async function runDeadLetterCommand(args: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  const parsed = parseDeadLetterArgs(args);
  if ('error' in parsed) {
    io.err(`${parsed.error}\n\n${DEAD_LETTER_USAGE}`);
    return 2;
  }
  const config = loadConfig('deadletters', BaseConfigSchema, env);
  const ns = new NatsNamespace(config.KC_NAMESPACE);
  if (parsed.command === 'replay') return replay(parsed.service, parsed.json, config.NATS_URL, ns, config.RPC_TIMEOUT_MS, io);

  const nc = await connect({ servers: config.NATS_URL.split(','), name: 'kc-deadletters', timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const letters = await new DeadLetterStore(() => js, () => jsm, ns).list(parsed.service);
    if (parsed.json) io.out(JSON.stringify(letters.map(({ data: _data, ...rest }) => rest), null, 2));
    else printList(letters, io);
    return 0;
  } finally {
    await nc.close();
  }
}

function printList(letters: DeadLetter[], io: CommandIo): void {
  if (letters.length === 0) {
    io.out('Geen dode berichten. / No dead letters.');
    return;
  }
  io.out(['seq', 'service', 'tijd/time', 'type', 'event id', 'pogingen/deliveries', 'reden/reason'].join('\t'));
  for (const l of letters) io.out([l.seq, l.service, l.deadLetteredAt, l.type, l.eventId ?? '-', l.deliveries, l.reason].join('\t'));
  const perService = new Map<string, number>();
  for (const l of letters) perService.set(l.service, (perService.get(l.service) ?? 0) + 1);
  io.out(`\n${letters.length} dode berichten / dead letters: ${[...perService].map(([s, n]) => `${s} ${n}`).join(', ')}`);
}

async function replay(service: ServiceName, json: boolean, natsUrl: string, ns: NatsNamespace, rpcTimeoutMs: number, io: CommandIo): Promise<number> {
  const client = await RpcClient.standalone(ns, natsUrl, rpcTimeoutMs, 'kc-deadletters', createLogger('deadletters', 'silent'));
  try {
    // Replaying thousands takes longer than one request usually may.
    const report = await client.send(deadLetterReplayContract(service), {}, { correlationId: `deadletters-${randomUUID()}`, lang: 'nl' }, Math.max(rpcTimeoutMs, 10 * 60_000));
    if (json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(`${service}: ${report.replayed} opnieuw afgehandeld / replayed, ${report.skipped} overgeslagen (geen handler meer) / skipped (no handler), ${report.failed.length} mislukt / failed, van / of ${report.total}`);
      for (const f of report.failed) io.out(`  seq ${f.seq} ${f.type} ${f.eventId ?? '-'}: ${f.reason}`);
      if (report.interrupted) io.out(`Onderbroken: database of NATS niet bereikbaar / interrupted: database or NATS unavailable (${report.interrupted})`);
    }
    return report.failed.length === 0 && !report.interrupted ? 0 : 1;
  } catch (error) {
    const e = error as { code?: string; messages?: { nl: string; en: string }; message?: string };
    io.err(e.code === 'UPSTREAM_UNAVAILABLE' || e.code === 'UPSTREAM_TIMEOUT'
      ? `De service ${service} antwoordt niet: draait hij? / The ${service} service does not answer: is it running?`
      : `Opnieuw afhandelen mislukt / replay failed: ${e.messages ? `${e.messages.nl} / ${e.messages.en}` : e.message ?? String(error)}`);
    return 1;
  } finally {
    await client.close();
  }
}
