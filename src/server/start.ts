/**
 * Start-up shared by `npm start` (`src/main.ts`), `wealthdesk serve`, the HTTP bench and
 * the browser test: open the store (PGlite under DATA_DIR — an empty one from the prebuilt
 * demo store when SEED_ON_START is on — or DATABASE_URL), migrate, build the agent and the
 * app, close the turns a crashed predecessor left open (start-up recovery), listen; then,
 * in the background, seed the demo data when the store is empty and SEED_ON_START is on,
 * and load the document library (`/readyz` is 503 until both are done).
 * `close()` shuts down gracefully (see `RunningServer.close`).
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { createAgentService } from '../agents/agent-service.js';
import { nodeIdentity } from '../agents/turn-record.js';
import { startAnchorer } from '../compliance/audit/anchor.js';
import { auditKeyring } from '../compliance/audit/keyring.js';
import { createGuards } from '../compliance/guards/index.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { isSeeded, seedDemoData } from '../db/seed/seed.js';
import { yieldingDb } from '../db/yielding.js';
import { forgetLibraryProducts } from '../rag/entities.js';
import { buildApp } from './app.js';
import { openServerStore, type OpenedStore } from './open-server-store.js';
import { parseFrameAncestors } from './security-headers.js';
import type { AgentService, BuildAppOptions } from './types.js';

export interface StartOptions {
  config: Config;
  /** Use this store instead of opening one from the config (tests, bench). Closed by `close()` unless `keepDb`. */
  db?: Db;
  /**
   * A store already being opened with {@link openServerStore} (`main.ts` starts it before
   * importing the server, so PGlite starts while the modules load). Closed by `close()`;
   * its opener decides where the pool's connection errors go.
   */
  store?: Promise<OpenedStore>;
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
  /**
   * What start-up did, for the log: whether the demo data is being seeded (after listen;
   * `ready` says when it is done), whether the prebuilt store was unpacked, and how long
   * each step before listening took (ms).
   */
  startup: { seeded: boolean; fromSnapshot?: true; ms: Record<string, number> };
  /** Resolves when background start-up work (seeding, the document library) has finished; never rejects. */
  ready: Promise<void>;
  /** Open turns closed as interrupted at start-up (left by a crash of this node, or abandoned). */
  recovered: number;
  /**
   * Graceful shutdown (SIGTERM): `/readyz` turns 503 and new turns are refused with
   * WD_ERR_SHUTTING_DOWN; the turns in flight get `graceMs` (default SHUTDOWN_GRACE_MS) to
   * finish, then are stopped and recorded `interrupted`; socket.io clients are told
   * (`shutdown` event) and their connections closed so they reconnect — through the load
   * balancer, to another node; then the server, the anchorer and the store close.
   */
  close(graceMs?: number): Promise<{ finished: number; interrupted: number }>;
}

/** How often open turns no running turn owns are looked for and closed (ms). */
export const RECOVERY_SWEEP_MS = 60_000;

/**
 * Who may frame the widget pages: the `FRAME_ANCESTORS` setting (space/comma-separated CSP
 * sources, e.g. `'self' https://bank.example.com`) once `src/config.ts` declares it; until
 * then, and when empty, `'none'`. Read through the parsed config, never `process.env`.
 */
export function frameAncestorsOf(config: Config): string[] {
  return parseFrameAncestors(config.FRAME_ANCESTORS);
}

/** This node's stable name: NODE_ID, else host:port (unique per node when each listens on its own port or host). */
export function nodeIdOf(config: Config): string {
  return config.NODE_ID ?? `${hostname()}:${config.PORT === 0 ? `pid${process.pid}` : config.PORT}`;
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
  // An empty embedded store that is to be seeded starts from the prebuilt one (src/db/store-snapshot.ts).
  const opened: OpenedStore = o.db ? { db: o.db } : await (o.store ?? openServerStore(config, (e) => logConnectionError(e)));
  const db = opened.db;
  lap('store');
  try {
    // Seeding (when the store is empty) and the library run after listen: the process
    // answers /healthz at once and /readyz says which step it is on.
    const seeded = config.SEED_ON_START && !(await isSeeded(db));
    const agent = o.agent ?? createAgentService({ db, config, guards: createGuards({ db }), identity: nodeIdentity(nodeIdOf(config)) });
    const app = await buildApp({ db, config, agent, frameAncestors: frameAncestorsOf(config), ...o.app });
    logConnectionError = (e) => app.log.warn({ code: (e as { code?: unknown }).code, message: e.message.slice(0, 200) }, 'database connection lost; the next statement reconnects');
    if (opened.snapshot?.restored) app.log.info({ files: opened.snapshot.files }, 'empty data directory: the prebuilt demo store was unpacked');
    else if (opened.snapshot && !/already holds/.test(opened.snapshot.reason)) app.log.warn({ reason: opened.snapshot.reason }, 'prebuilt demo store not used; creating and seeding the store (slower)');
    lap('app');
    // Turns a crash of this node left open (and abandoned ones) are closed before it serves.
    const recovered = (await agent.recover?.('crash-recovery')) ?? 0;
    if (recovered > 0) app.log.warn({ recovered }, 'open turns left by a crash closed as interrupted');
    lap('recovery');
    const seedLibrary = config.SEED_ON_START ? o.seedLibrary : undefined;
    const { steps, pending } = app.readiness;
    if (seeded) steps.set('seed', 'waiting');
    if (seedLibrary) steps.set('library', 'waiting');
    app.readiness.optional.add('library'); // as before: a library that failed to load leaves the node serving
    for (const k of steps.keys()) pending.add(k);
    await app.listen({ port: o.port ?? config.PORT, host: o.host ?? config.HOST });
    lap('listen');
    const addr = app.server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${addr.port}`;
    /** Runs one start-up step, keeping its state for /readyz; a failed step is logged and stays failed (503 unless optional). */
    const step = async (name: string, run: () => Promise<unknown>, what: string): Promise<boolean> => {
      steps.set(name, 'running');
      const s = performance.now();
      try {
        const r = await run();
        steps.set(name, 'done');
        app.log.info({ [name]: r, ms: Math.round(performance.now() - s) }, `${what} ready`);
        return true;
      } catch (e) {
        steps.set(name, 'failed');
        app.log.error({ err: e }, `${what} failed to load`);
        return false;
      } finally {
        pending.delete(name);
      }
    };
    // PGlite runs on the event loop: the start-up work gives requests a turn before each statement.
    const bg = yieldingDb(db);
    const ready = (async () => {
      if (seeded && !(await step('seed', async () => (await seedDemoData(bg)).counts, 'demo data'))) {
        if (seedLibrary) {
          steps.set('library', 'failed');
          pending.delete('library');
        }
        return;
      }
      if (seedLibrary) {
        await step('library', () => seedLibrary(bg), 'document library');
        // The ingest forgot the cached product names of `bg`; the turns read them through `db`.
        forgetLibraryProducts(db);
      }
    })();
    // The chain head, anchored outside the database while the server runs (AUDIT_ANCHOR_PATH).
    const anchorer = config.AUDIT_ANCHOR_PATH
      ? startAnchorer({ db, ring: auditKeyring(config), path: config.AUDIT_ANCHOR_PATH, onError: (e) => app.log.warn({ err: e }, 'audit anchor not written; retrying') })
      : undefined;
    // Now and again: open turns whose close failed (the store was down then) or whose node never came back.
    const sweep = setInterval(() => {
      agent.recover?.('orphaned').then(
        (n) => n > 0 && app.log.warn({ recovered: n }, 'orphaned open turns closed as interrupted'),
        (e: unknown) => app.log.warn({ err: e }, 'open-turn sweep failed; retrying'),
      );
    }, RECOVERY_SWEEP_MS);
    sweep.unref();
    let closing: Promise<{ finished: number; interrupted: number }> | undefined;
    return {
      app, db, url, startup: { seeded, ms, ...(opened.snapshot?.restored ? { fromSnapshot: true } : {}) }, ready, recovered,
      close(graceMs = config.SHUTDOWN_GRACE_MS) {
        closing ??= (async () => {
          clearInterval(sweep);
          app.readiness.pending.add('shutdown'); // the load balancer stops sending here
          const drained = (await agent.drain?.(graceMs)) ?? { finished: 0, interrupted: 0 };
          // socket.io clients: told, then their transports closed, so they reconnect (elsewhere).
          app.gateway.io.of('/chat').emit('shutdown', { code: 'WD_ERR_SHUTTING_DOWN', reconnect: true });
          app.gateway.io.engine.close();
          await ready; // never close the store under a running ingest
          await app.close();
          await anchorer?.stop(); // the last turns' head, before the store closes
          if (!o.keepDb) await db.close();
          return drained;
        })();
        return closing;
      },
    };
  } catch (e) {
    if (!o.db) await db.close().catch(() => {});
    throw e;
  }
}
