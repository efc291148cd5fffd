/**
 * Public operational routes: `GET /healthz` (store reachable → 200, else 503) and
 * `GET /metrics` (Prometheus text). Both are meant for the load balancer and the
 * scraper inside the deployment network.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/db.js';
import type { ServerMetrics } from '../metrics.js';

export const opsRoutes: FastifyPluginAsync<{ db: Db; metrics: ServerMetrics; modelName: string }> = async (
  app,
  { db, metrics, modelName },
) => {
  app.get('/healthz', { config: { public: true } }, async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      return { ok: true, store: db.kind, model: modelName };
    } catch {
      return reply.status(503).send({ ok: false, store: db.kind, model: modelName });
    }
  });
  app.get('/metrics', { config: { public: true } }, async (_request, reply) => {
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
};
