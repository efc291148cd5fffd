/**
 * Determinism and idempotence of the demo seed, on every store target: the same seed in
 * two fresh stores gives identical rows in every table; another seed gives different
 * rows; a reset store equals a fresh one; seeding a seeded store is a no-op.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../db.js';
import { storeTargets } from '../testing.js';
import { isSeeded, seedDemoData } from './seed.js';

const TABLES = ['advisors', 'clients', 'risk_profiles', 'instruments', 'prices', 'fx_rates', 'accounts', 'lots', 'transactions', 'target_allocations', 'goals'];

/** md5 of every table's rows (as JSON text), in sorted order. */
async function tableHashes(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await db.query<{ h: string | null; n: number }>(
      `SELECT md5(string_agg(j, E'\\n' ORDER BY j)) AS h, count(*)::int AS n FROM (SELECT to_jsonb(t)::text AS j FROM ${t} t) x`,
    );
    out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  return out;
}

for (const target of storeTargets()) {
  describe(`demo seed determinism (${target.name})`, () => {
    const open: Db[] = [];
    afterAll(async () => {
      await Promise.all(open.map((d) => d.close()));
    });

    it('same seed → identical tables; other seed → different; reset equals fresh; re-seed is a no-op', async () => {
      const a = await target.open();
      const b = await target.open();
      open.push(a, b);
      expect(await isSeeded(a)).toBe(false);
      const sa = await seedDemoData(a, { clients: 30 });
      const sb = await seedDemoData(b, { clients: 30 });
      expect(sa.seeded).toBe(true);
      expect(sb.counts).toEqual(sa.counts);
      expect(sa.counts.clients).toBe(30);
      expect(await isSeeded(a)).toBe(true);
      const ha = await tableHashes(a);
      expect(await tableHashes(b)).toEqual(ha);
      for (const t of TABLES) expect(ha[t].startsWith('0:'), t).toBe(false);

      // Seeding again without reset changes nothing.
      const again = await seedDemoData(a, { clients: 30, seed: 7 });
      expect(again.seeded).toBe(false);
      expect(await tableHashes(a)).toEqual(ha);

      // Another seed: different prices, clients and lots (same catalog and advisors).
      const other = await seedDemoData(b, { clients: 30, seed: 7, reset: true });
      expect(other.seeded).toBe(true);
      const hb = await tableHashes(b);
      for (const t of ['prices', 'fx_rates', 'clients', 'lots', 'transactions']) expect(hb[t], t).not.toEqual(ha[t]);
      expect(hb.instruments).toEqual(ha.instruments);

      // Reset back to seed 42: identical to the fresh store, ids included.
      await b.query(
        `INSERT INTO conversations (id, principal_role, principal_id, client_id) VALUES ('00000000-0000-0000-0000-000000000001', 'client', 'C0001', 'C0001')`,
      );
      await seedDemoData(b, { clients: 30, reset: true });
      expect(await tableHashes(b)).toEqual(ha);
      const conv = await b.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
      expect(conv.rows[0].n).toBe(0);
    });

    it('rejects bad options with a validation error', async () => {
      const db = open[0];
      await expect(seedDemoData(db, { asOf: '2026-02-30' })).rejects.toMatchObject({ code: 'WD_ERR_VALIDATION' });
      await expect(seedDemoData(db, { clients: 0 })).rejects.toMatchObject({ code: 'WD_ERR_VALIDATION' });
      await expect(seedDemoData(db, { seed: -1 })).rejects.toMatchObject({ code: 'WD_ERR_VALIDATION' });
    });
  });
}
