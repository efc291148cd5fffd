/**
 * `npm start`: serve WealthDesk on the configured port. Embedded defaults (PGlite under
 * ./data, the offline planner, demo data seeded on first start) need nothing else
 * running. SIGINT/SIGTERM close the server, then the store.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, config } from './config.js';
import { seedDemoLibrary } from './rag/demo-library.js';
import { startServer, type RunningServer } from './server/start.js';

/** Starts the server and installs the signal handlers; resolves once it listens. */
export async function main(opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const c = config();
  const server = await startServer({
    config: c,
    ...opts,
    seedLibrary: (db) => seedDemoLibrary(db), // the product-document library (idempotent)
  });
  server.app.log.info({ url: server.url, ...server.startup }, 'WealthDesk is serving');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
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

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  main().catch((e: unknown) => {
    process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `start failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  });
}
