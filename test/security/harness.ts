/**
 * The server under attack: a real Fastify app from `buildApp` over a store seeded with
 * `seedDemoData(db, {clients: 10})`, the real turn service (offline planner, compliance
 * guards, audit) unless a test passes its own agent, and every log line captured so a
 * test can read what an operator would.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createAgentService } from '../../src/agents/agent-service.js';
import type { Principal } from '../../src/auth/principal.js';
import { signToken } from '../../src/auth/tokens.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { buildApp } from '../../src/server/app.js';
import type { AgentService, BuildAppOptions } from '../../src/server/types.js';

/** The test configuration: demo mode (so the demo token route exists), no log level filter of our own. */
export const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

export interface Target {
  db: Db;
  app: FastifyInstance;
  /** Every log line the app wrote, raw JSON text. */
  logs: string[];
  /** Base URL once `listen()` was called. */
  url?: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The seeded people: advisors and the clients of each, read from the store (never hard-coded). */
export async function people(db: Db): Promise<{ advisors: string[]; book: Map<string, { id: string; name: string }[]> }> {
  const r = await db.query<{ id: string; advisor_id: string; name: string }>('SELECT id, advisor_id, name FROM clients ORDER BY id');
  const book = new Map<string, { id: string; name: string }[]>();
  for (const c of r.rows) book.set(c.advisor_id, [...(book.get(c.advisor_id) ?? []), { id: c.id, name: c.name }]);
  return { advisors: [...book.keys()].sort(), book };
}

/** Opens `open()`, seeds 10 clients, builds the app. */
export async function startTarget(
  open: () => Promise<Db>,
  o: { agent?: (db: Db) => AgentService; app?: Partial<BuildAppOptions>; seed?: boolean } = {},
): Promise<Target> {
  const db = await open();
  if (o.seed !== false) await seedDemoData(db, { clients: 10 });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const agent = o.agent ? o.agent(db) : createAgentService({ db, config });
  const app = await buildApp({ db, config, agent, logger: pino({ level: 'info' }, sink), ...o.app });
  const t: Target = {
    db,
    app,
    logs,
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      t.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return t.url;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
  return t;
}

/** A bearer token for `p` signed with the server's secret (or `secret`). */
export function tokenFor(p: Principal, opts: { secret?: string; ttlSeconds?: number } = {}): Promise<string> {
  return signToken(p, { secret: opts.secret ?? config.AUTH_SECRET, ...(opts.ttlSeconds !== undefined ? { ttlSeconds: opts.ttlSeconds } : {}) });
}

export const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
