/**
 * Start-up shared by `npm start` (`src/main.ts`), `wealthdesk serve`, the HTTP bench and
 * the browser test: open the store (PGlite under DATA_DIR, or DATABASE_URL), migrate,
 * seed the demo data when the store is empty and SEED_ON_START is on, build the agent and
 * the app, listen. `close()` shuts everything down in order (server, then store).
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createAgentService } from '../agents/agent-service.js';
import { startAnchorer } from '../compliance/audit/anchor.js';
import { auditKeyring } from '../compliance/audit/keyring.js';
import { createGuards } from '../compliance/guards/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { openStore } from '../db/open.js';
import { isSeeded, seedDemoData } from '../db/seed/seed.js';
import { buildApp } from './app.js';
import { parseFrameAncestors } from './security-headers.js';
import type { AgentService, BuildAppOptions } from './types.js';

export interface StartOptions {
  config: Config;
  /** Use this store instead of opening one from the config (tests, bench). Closed by `close()` unless `keepDb`. */
  db?: Db;
  keepDb?: boolean;
  /** Use this agent instead of `createAgentService` with the compliance guards. */
  agent?: AgentService;
  /**
   * INTEGRATION POINT for the product-document library: `seedDemoLibrary(db)` from
   * `src/rag/demo-library.ts` (`src/main.ts` passes it). Idempotent by content hash, so
   * it runs on every start with SEED_ON_START; it runs after `listen` so the server
   * answers at once (portfolio questions need only the demo data); `ready` says when
   * it finished.
   */
  seedLibrary?: (db: Db) => Promise<unknown>;
  /** Override the listen port (0 = any free port). */
  port?: number;
  host?: string;
  app?: Partial<Pick<BuildAppOptions, 'rateLimit' | 'heartbeatMs' | 'logger' | 'frameAncestors'>>;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  /** What start-up did, for the log: seeded or not, and how long each step took (ms). */
  startup: { seeded: boolean; ms: Record<string, number> };
  /** Resolves when background start-up work (the document library) has finished; never rejects. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Who may frame the widget pages: the `FRAME_ANCESTORS` setting (space/comma-separated CSP
 * sources, e.g. `'self' https://bank.example.com`) once `src/config.ts` declares it; until
 * then, and when empty, `'none'`. Read through the parsed config, never `process.env`.
 */
export function frameAncestorsOf(config: Config): string[] {
  return parseFrameAncestors(config.FRAME_ANCESTORS);
}

export async function startServer(o: StartOptions): Promise<RunningServer> {
  const { config } = o;
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (k: string) => {
    const n = performance.now();
    ms[k] = Math.round(n - t);
    t = n;
  };
  // Connection errors the pool absorbs go to the app's log once it exists.
  let logConnectionError = (_e: Error): void => {};
  const db = o.db ?? (await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, onConnectionError: (e) => logConnectionError(e) }));
  lap('store');
  let seeded = false;
  try {
    if (config.SEED_ON_START && !(await isSeeded(db))) {
      await seedDemoData(db);
      lap('seed');
      seeded = true;
    }
    const agent = o.agent ?? createAgentService({ db, config, guards: createGuards({ db }) });
    const app = await buildApp({ db, config, agent, frameAncestors: frameAncestorsOf(config), ...o.app });
    logConnectionError = (e) => app.log.warn({ code: (e as { code?: unknown }).code, message: e.message.slice(0, 200) }, 'database connection lost; the next statement reconnects');
    lap('app');
    await app.listen({ port: o.port ?? config.PORT, host: o.host ?? config.HOST });
    lap('listen');
    const addr = app.server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${addr.port}`;
    const seedLibrary = config.SEED_ON_START ? o.seedLibrary : undefined;
    if (seedLibrary) app.readiness.pending.add('library');
    const ready = seedLibrary
      ? seedLibrary(db)
          .then(
            (r) => app.log.info({ library: r }, 'document library ready'),
            (e: unknown) => app.log.error({ err: e }, 'document library failed to load'),
          )
          .finally(() => app.readiness.pending.delete('library'))
      : Promise.resolve();
    // The chain head, anchored outside the database while the server runs (AUDIT_ANCHOR_PATH).
    const anchorer = config.AUDIT_ANCHOR_PATH
      ? startAnchorer({ db, ring: auditKeyring(config), path: config.AUDIT_ANCHOR_PATH, onError: (e) => app.log.warn({ err: e }, 'audit anchor not written; retrying') })
      : undefined;
    let closing: Promise<void> | undefined;
    return {
      app, db, url, startup: { seeded, ms }, ready,
      close() {
        closing ??= (async () => {
          await ready; // never close the store under a running ingest
          await app.close();
          await anchorer?.stop(); // the last turns' head, before the store closes
          if (!o.keepDb) await db.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    if (!o.db) await db.close().catch(() => {});
    throw e;
  }
}
