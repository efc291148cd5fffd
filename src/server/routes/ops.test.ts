import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/db.js';
import { listMigrations } from '../../db/migrate.js';
import { openTestPglite } from '../../db/testing.js';
import { scriptedAgent } from '../../../test/helpers/scripted-agent.js';
import { buildApp } from '../app.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

describe('healthz (process up) and readyz (store reachable, migrated, start-up done)', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestPglite();
    app = await buildApp({ db, config, agent: scriptedAgent(db) });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('both answer 200 on a migrated store', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ ok: true, store: 'pglite', model: 'scripted-test-agent' });
    const r = await app.inject('/readyz');
    expect([r.statusCode, r.json()]).toEqual([200, { ok: true, store: 'up' }]);
  });

  it('readyz is 503 while start-up work is pending, and names it', async () => {
    app.readiness.pending.add('library');
    try {
      const r = await app.inject('/readyz');
      expect([r.statusCode, r.json()]).toEqual([503, { ok: false, store: 'up', startupPending: ['library'] }]);
      expect((await app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      app.readiness.pending.delete('library');
    }
  });

  it('readyz gives each start-up step its state, 503 until all are done and after one failed', async () => {
    const { steps, pending } = app.readiness;
    try {
      steps.set('seed', 'running').set('library', 'waiting');
      pending.add('seed').add('library');
      let r = await app.inject('/readyz');
      expect([r.statusCode, r.json()]).toEqual([503, { ok: false, store: 'up', startupPending: ['seed', 'library'], startup: { seed: 'running', library: 'waiting' } }]);
      steps.set('seed', 'done').set('library', 'failed');
      pending.clear();
      r = await app.inject('/readyz');
      expect([r.statusCode, r.json()]).toEqual([503, { ok: false, store: 'up', startupFailed: ['library'], startup: { seed: 'done', library: 'failed' } }]);
      app.readiness.optional.add('library'); // a failed optional step is reported, the node stays ready
      r = await app.inject('/readyz');
      expect([r.statusCode, r.json()]).toEqual([200, { ok: true, store: 'up', startup: { seed: 'done', library: 'failed' } }]);
      app.readiness.optional.clear();
      steps.set('library', 'done');
      r = await app.inject('/readyz');
      expect([r.statusCode, r.json()]).toEqual([200, { ok: true, store: 'up', startup: { seed: 'done', library: 'done' } }]);
    } finally {
      steps.clear();
      pending.clear();
    }
  });

  it('readyz is 503 naming a migration the store lacks', async () => {
    const last = listMigrations().at(-1)!.id;
    await db.query('DELETE FROM schema_migrations WHERE id = $1', [last]);
    const r = await app.inject('/readyz');
    expect([r.statusCode, r.json()]).toEqual([503, { ok: false, store: 'up', migrationsPending: [last] }]);
    await db.query('INSERT INTO schema_migrations (id) VALUES ($1)', [last]);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('with the store gone readyz is 503 and healthz still 200 (the process is alive)', async () => {
    await db.close();
    const r = await app.inject('/readyz');
    expect([r.statusCode, r.json()]).toEqual([503, { ok: false, store: 'unreachable' }]);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });
});
