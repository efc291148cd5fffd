/**
 * `npm start`: serve WealthDesk on the configured port. Embedded defaults (PGlite under
 * ./data, the offline planner, demo data seeded on first start) need nothing else
 * running. SIGINT/SIGTERM shut down gracefully (`RunningServer.close`): turns in flight
 * finish within SHUTDOWN_GRACE_MS or are recorded interrupted, then the store closes.
 */
import { fileURLToPath } from 'node:url';
import { hostCliCommands } from './cli/host.js';
import { ConfigError, config } from './config.js';
import { WealthDeskError } from './errors.js';
import { openServerStore } from './server/open-server-store.js';
import type { RunningServer } from './server/start.js';

/**
 * Starts the server and installs the signal handlers; resolves once it listens. The store
 * starts opening first and the server's modules (Fastify, the agent, the tools) load while
 * PGlite compiles and starts: the two were the largest parts of a start, one after the other.
 */
export async function main(opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const c = config();
  let logConnectionError = (_e: Error): void => {};
  const store = openServerStore(c, (e) => logConnectionError(e));
  store.catch(() => {}); // awaited (and its failure reported) by startServer
  const [{ startServer }, { seedDemoLibrary }] = await Promise.all([import('./server/start.js'), import('./rag/demo-library.js')]);
  const server = await startServer({
    config: c,
    ...opts,
    store,
    seedLibrary: (db) => seedDemoLibrary(db), // the product-document library (idempotent)
  });
  logConnectionError = (e) => server.app.log.warn({ code: (e as { code?: unknown }).code, message: e.message.slice(0, 200) }, 'database connection lost; the next statement reconnects');
  server.app.log.info({ url: server.url, ...server.startup }, 'WealthDesk is serving');
  // `wealthdesk ask|clients|search` on this embedded store run in this process (src/cli/forward.ts).
  const cli = await hostCliCommands(server.db, c, (r) => server.app.log.info(r, 'wealthdesk command')).catch((e: unknown) => {
    server.app.log.warn({ err: e }, 'not answering wealthdesk commands on the CLI socket');
    return undefined;
  });
  if (cli) server.app.log.info({ socket: cli.path }, 'answering wealthdesk commands on this store');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    // Turns in flight get SHUTDOWN_GRACE_MS to finish (then are recorded interrupted); the rest of the close gets 10 s.
    const force = setTimeout(() => process.exit(1), c.SHUTDOWN_GRACE_MS + 10_000);
    force.unref();
    void cli?.close();
    server.close().then(
      (drained) => {
        server.app.log.info({ signal, ...drained }, 'shut down');
        process.exit(0);
      },
      (e: unknown) => {
        server.app.log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return server;
}

/**
 * What a failed start prints: the configuration problems, or `CODE: message` on one line
 * for a known failure (an unreachable database is `WD_ERR_DB: Cannot reach the database
 * at host:port/db (…)`, never a stack); only an unexpected error shows its stack.
 */
export function startFailureMessage(e: unknown): string {
  if (e instanceof ConfigError) return e.message;
  if (e instanceof WealthDeskError) return `${e.code}: ${e.message.replace(/\s*\n\s*/g, ' ')}`;
  return `start failed: ${(e as Error)?.stack ?? String(e)}`;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  main().catch((e: unknown) => {
    process.stderr.write(`${startFailureMessage(e)}\n`);
    process.exit(1);
  });
}
