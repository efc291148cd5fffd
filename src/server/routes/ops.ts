/**
 * Public operational routes for the load balancer and the scraper inside the deployment
 * network:
 * - `GET /healthz` — liveness: the process is up and serving (200); it never touches the
 *   store, so a database outage does not get a healthy process restarted; with Redis it
 *   says whether the node's Redis link is `up` or `down` (a node without Redis serves
 *   single-node, so that is no reason to restart it or take it out of rotation);
 * - `GET /readyz` — readiness: the store answers within {@link READY_TIMEOUT_MS}, every
 *   migration this code ships is applied, and start-up work (seeding the demo data, the
 *   document library) has finished (200), else 503 saying which; `startup` gives each
 *   start-up step's state (`waiting`, `running`, `done`, `failed`) so a page can say what
 *   it waits for (the demo page does);
 * - `GET /metrics` — Prometheus text.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import { listMigrations } from '../../db/migrate.js';
import type { ServerMetrics } from '../metrics.js';
import type { RedisLink } from '../redis.js';

/** How long `/readyz` waits for the store before answering 503. */
export const READY_TIMEOUT_MS = 2_000;

/** One start-up step's state, as `/readyz` reports it. */
export type StepState = 'waiting' | 'running' | 'done' | 'failed';

/**
 * Start-up work still running (e.g. `library`, or `shutdown`); `/readyz` is 503 while
 * `pending` is not empty or a step not in `optional` failed. `steps` names the start-up
 * steps in order with their state (`seed`, `library`), for `/readyz`'s `startup` field.
 */
export interface Readiness {
  pending: Set<string>;
  steps: Map<string, StepState>;
  /** Steps whose failure leaves the node serving (the library: portfolio questions need only the demo data). */
  optional: Set<string>;
}

export const opsRoutes: FastifyPluginAsync<{ db: Db; metrics: ServerMetrics; modelName: string; readiness: Readiness; redis?: RedisLink }> = async (
  app,
  { db, metrics, modelName, readiness, redis },
) => {
  const expected = listMigrations().map((m) => m.id);

  // `redis` (with REDIS_URL): `up`, or `down` while the node serves single-node (still healthy and ready).
  app.get('/healthz', { config: { public: true } }, async () => ({ ok: true, store: db.kind, model: modelName, ...(redis ? { redis: redis.up() ? 'up' : 'down' } : {}) }));

  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    let store: 'up' | 'unreachable' = 'up';
    let missing: string[] = [];
    try {
      const r = await Promise.race([db.query<{ id: string }>('SELECT id FROM schema_migrations'), timeout]);
      const applied = new Set(r.rows.map((x) => x.id));
      missing = expected.filter((id) => !applied.has(id));
    } catch {
      store = 'unreachable';
    } finally {
      clearTimeout(timer);
    }
    const pending = [...readiness.pending];
    const failed = [...readiness.steps].filter(([k, v]) => v === 'failed' && !readiness.optional.has(k)).map(([k]) => k);
    const ok = store === 'up' && missing.length === 0 && pending.length === 0 && failed.length === 0;
    return reply.status(ok ? 200 : 503).send({
      ok,
      store,
      ...(missing.length > 0 ? { migrationsPending: missing } : {}),
      ...(pending.length > 0 ? { startupPending: pending } : {}),
      ...(failed.length > 0 ? { startupFailed: failed } : {}),
      ...(readiness.steps.size > 0 ? { startup: Object.fromEntries(readiness.steps) } : {}),
    });
  });

  app.get('/metrics', { config: { public: true } }, async (_request, reply) => {
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
};
