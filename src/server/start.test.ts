import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openTestPglite } from '../db/testing.js';
import { insertDemoPeople } from '../../test/helpers/demo-rows.js';
import { scriptedAgent } from '../../test/helpers/scripted-agent.js';
import { startServer } from './start.js';

const count = async (db: Awaited<ReturnType<typeof openTestPglite>>) =>
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM clients')).rows[0].n);

describe('startServer', () => {
  it('serves on a free port, skips seeding a store that has clients, loads the library after listen, closes the store', async () => {
    const db = await openTestPglite();
    await insertDemoPeople(db, 3);
    const calls: string[] = [];
    const server = await startServer({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'true' }),
      db, agent: scriptedAgent(db), port: 0, host: '127.0.0.1',
      seedLibrary: async () => {
        calls.push('library');
        return { documents: 0 };
      },
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.startup.seeded).toBe(false);
    expect(await count(db)).toBe(3);
    await server.ready;
    expect(calls).toEqual(['library']);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, store: 'pglite', model: 'scripted-test-agent' });
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await expect(db.query('SELECT 1')).rejects.toThrow();
  });

  it('an empty store is seeded after listen: /healthz answers at once, /readyz names the step until it is done', async () => {
    const db = await openTestPglite();
    let release!: () => void;
    const libraryGate = new Promise<void>((r) => (release = r));
    const server = await startServer({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'true' }),
      db, agent: scriptedAgent(db), port: 0, host: '127.0.0.1',
      seedLibrary: async () => {
        await libraryGate;
        return { documents: 0 };
      },
    });
    try {
      expect(server.startup.seeded).toBe(true);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const early = await fetch(`${server.url}/readyz`);
      const body = (await early.json()) as { startup: Record<string, string> };
      expect(early.status).toBe(503);
      expect(Object.keys(body.startup)).toEqual(['seed', 'library']);
      expect(['waiting', 'running']).toContain(body.startup.library); // after the seed, then held by the gate
      release();
      await server.ready;
      const done = await fetch(`${server.url}/readyz`);
      expect([done.status, await done.json()]).toEqual([200, { ok: true, store: 'up', startup: { seed: 'done', library: 'done' } }]);
      expect(await count(db)).toBe(200);
    } finally {
      release();
      await server.close();
    }
  }, 120_000);

  it('with SEED_ON_START=false neither seeds nor loads the library', async () => {
    const db = await openTestPglite();
    let libraryCalls = 0;
    const server = await startServer({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'false' }),
      db, agent: scriptedAgent(db), port: 0, host: '127.0.0.1', keepDb: true,
      seedLibrary: async () => libraryCalls++,
    });
    await server.ready;
    expect([server.startup.seeded, libraryCalls, await count(db)]).toEqual([false, 0, 0]);
    await server.close();
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]); // keepDb: still open
    await db.close();
  });
});
