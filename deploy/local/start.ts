/**
 * `npm start`: the whole platform on one machine.
 *  1. PostgreSQL, Redis and NATS: checked, started when down (machine servers, else Docker).
 *  2. Every service, the catalogue worker and the gateway as separate Node processes, with
 *     prefixed, readable log lines.
 *  3. Waits until the gateway's /health (which asks every service) answers 200.
 *  4. Seeds the demo region, accounts, catalogue and community through the gateway API.
 *     A mail catcher (SMTP 1025, a web page on 1080) receives every mail identity sends,
 *     unless SMTP_URL points elsewhere.
 *  5. Ctrl-C / SIGTERM stops every process. A process that dies on its own is started again
 *     with backoff while the others keep running; one that crashes too often in a short time
 *     (DEFAULT_RESTART_POLICY) stops the platform with exit code 1, naming it and showing its
 *     last log lines.
 */
import { join } from 'node:path';
import { ensureInfrastructure, isReachable } from './infrastructure';
import { MailCatcher } from './mail-catcher';
import { GATEWAY, PLATFORM_PROCESSES } from './processes';
import { DEMO_COMMUNITY, DEMO_REGION, seedDemo } from './seed';
import { Supervisor, repositoryRoot, waitForHttpOk, type GiveUpInfo } from './supervisor';

const startedAt = Date.now();
const root = repositoryRoot(__dirname);
const colour = !process.env.NO_COLOR && (process.stdout.isTTY || !!process.env.FORCE_COLOR);
const bold = (s: string) => (colour ? `\u001b[1m${s}\u001b[0m` : s);
const say = (line: string) => console.log(`${bold('[kenniscloud]')} ${line}`);
const warn = (line: string) => console.log(`${bold('[kenniscloud]')} ${colour ? `\u001b[33m${line}\u001b[0m` : line}`);
const fail = (line: string) => console.log(`${bold('[kenniscloud]')} ${colour ? `\u001b[31m${line}\u001b[0m` : line}`);
const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);

/** Demo defaults; every one can be overridden in the environment (README: Configuratie). */
export const DEMO_DEFAULTS = {
  KC_BOOTSTRAP_OPERATOR_EMAIL: 'beheer@kenniscloud.local',
  KC_BOOTSTRAP_OPERATOR_PASSWORD: 'KennisCloud-demo-2026',
  KC_DEMO_PASSWORD: 'KennisCloud-demo-2026',
  NODE_ENV: 'development',
  LOG_LEVEL: 'info',
};

async function main(): Promise<number> {
  const env: Record<string, string | undefined> = { ...DEMO_DEFAULTS, ...process.env };
  const ports = Object.fromEntries(PLATFORM_PROCESSES.map((p) => [p.name, Number(env[p.portEnv] ?? p.defaultPort)]));
  // The children get their own port variable only (the supervisor sets it), not the others'.
  for (const p of PLATFORM_PROCESSES) delete env[p.portEnv];

  const problems = await ensureInfrastructure(env, say);
  if (problems.length) {
    fail('cannot start: a required server is missing / kan niet starten, een server ontbreekt:');
    for (const p of problems) fail(`  - ${p}`);
    fail('Install PostgreSQL 15, Redis 7 and nats-server (with JetStream), or Docker, or point DATABASE_URL_BASE, REDIS_URL and NATS_URL at running servers.');
    return 1;
  }

  const busy: string[] = [];
  for (const p of PLATFORM_PROCESSES) if (await isReachable('127.0.0.1', ports[p.name], 300)) busy.push(`${p.name} port ${ports[p.name]} (${p.portEnv})`);
  if (busy.length) {
    fail(`ports already in use: ${busy.join(', ')}. Is KennisCloud already running? Stop it or choose other ports.`);
    return 1;
  }

  const baseUrl = `http://localhost:${ports[GATEWAY]}`;
  const mailPage = await startMailCatcher(env, baseUrl);

  const supervisor = new Supervisor(PLATFORM_PROCESSES, { root, env, ports, output: (line) => console.log(line), colour, stopTimeoutMs: 10_000 });
  try {
    supervisor.assertBuilt();
  } catch (error) {
    fail((error as Error).message);
    return 1;
  }

  let gaveUp: GiveUpInfo | undefined;
  let stopping = false;
  let resolveExit: (code: number) => void = () => undefined;
  const finished = new Promise<number>((r) => (resolveExit = r));
  const shutdown = async (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    (code === 0 ? say : fail)(`${why}: stopping every process / alles wordt gestopt`);
    const exits = await supervisor.stopAll();
    const forced = exits.filter((e) => e.signal === 'SIGKILL');
    if (forced.length) warn(`killed after the timeout: ${forced.map((e) => e.name).join(', ')}`);
    await mailPage.catcher?.close();
    say('stopped / gestopt');
    resolveExit(code);
  };
  process.on('SIGINT', () => void shutdown(0, 'SIGINT'));
  process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));
  supervisor.onGiveUp((giveUp) => {
    if (stopping) return;
    gaveUp ??= giveUp;
    fail(giveUp.message);
    fail(`laatste logregels van / last log lines of ${giveUp.name}:`);
    for (const line of giveUp.lastLines) fail(`  ${line}`);
    void shutdown(1, `${giveUp.name} keeps crashing / blijft crashen`);
  });

  say(`starting ${PLATFORM_PROCESSES.map((p) => `${p.name}:${ports[p.name]}`).join(' ')}`);
  supervisor.startAll();

  const ready = (async () => {
    // A process that crashes during start-up is restarted like any other; only giving up ends the wait.
    const alive = () => (gaveUp ? `${gaveUp.name} kept crashing during start-up` : stopping ? 'stopped during start-up' : undefined);
    await Promise.all(
      PLATFORM_PROCESSES.map((p) => waitForHttpOk(`http://127.0.0.1:${ports[p.name]}/health`, { timeoutMs: 90_000, alive })),
    );
    await waitForHttpOk(`${baseUrl}/health`, { timeoutMs: 30_000, alive });
    say(`all ${PLATFORM_PROCESSES.length} processes healthy after ${seconds()} s`);
    if (env.KC_SEED === '0') {
      say('KC_SEED=0: demo data not seeded');
      return;
    }
    const seeded = await seedDemo({
      baseUrl,
      operator: { email: env.KC_BOOTSTRAP_OPERATOR_EMAIL!, password: env.KC_BOOTSTRAP_OPERATOR_PASSWORD! },
      demoPassword: env.KC_DEMO_PASSWORD!,
      catalogueFile: join(root, 'deploy', 'seed', 'demo-catalogue.marcxml'),
      say,
      warn,
    });
    const lines = [
      '',
      bold('KennisCloud draait / is running'),
      `  Web + API        ${baseUrl}`,
      `  API-documentatie ${baseUrl}/api/docs`,
      `  Gezondheid       ${baseUrl}/health`,
      `  E-mail / mail    ${mailPage.where}`,
      `  Regio / region   ${DEMO_REGION.slug}${seeded.communityId ? `   community: ${DEMO_COMMUNITY.name}` : ''}`,
      '  Demo-accounts (wachtwoord / password):',
      `    landelijk beheerder / national operator  ${env.KC_BOOTSTRAP_OPERATOR_EMAIL}  ${env.KC_BOOTSTRAP_OPERATOR_PASSWORD}`,
      ...seeded.accounts.map((a) => `    ${a.role.padEnd(39)}  ${a.email}  ${a.password}`),
      `  Klaar in / ready in ${seconds()} s${seeded.completed ? '' : ' (demo data incomplete: see the warnings above)'}`,
      '  Stoppen / stop: Ctrl-C',
      '',
    ];
    for (const line of lines) say(line);
  })();
  const startup = ready.then(
    () => true,
    (error: unknown) => {
      if (!stopping) void shutdown(1, `start-up failed after ${seconds()} s: ${(error as Error).message}`);
      return false;
    },
  );
  const code = await finished;
  await startup;
  return code;
}

/**
 * The local mail catcher, when no SMTP_URL is given: identity sends to it, and every mail can be
 * read on its web page. Says where the mail goes either way.
 */
async function startMailCatcher(env: Record<string, string | undefined>, baseUrl: string): Promise<{ catcher?: MailCatcher; where: string }> {
  env.PUBLIC_WEB_URL ??= baseUrl;
  if (env.SMTP_URL) return { where: `verstuurd via / sent through ${env.SMTP_URL.replace(/\/\/[^@/]*@/, '//…@')}` };
  const smtpPort = Number(env.MAIL_CATCHER_SMTP_PORT ?? 1025);
  const httpPort = Number(env.MAIL_CATCHER_HTTP_PORT ?? 1080);
  try {
    const catcher = await MailCatcher.start({ smtpPort, httpPort });
    env.SMTP_URL = catcher.url;
    say(`mail catcher: SMTP ${catcher.url}, read the mail at http://localhost:${httpPort}`);
    return { catcher, where: `http://localhost:${httpPort} (lokale mailcatcher: niets gaat echt de deur uit / nothing is really sent)` };
  } catch (error) {
    warn(`mail catcher not started (${(error as Error).message}): mail waits in identity's outbox. Set SMTP_URL, or MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT.`);
    return { where: 'niet verstuurd / not sent (geen mailcatcher, zie de waarschuwing)' };
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    fail(`${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
