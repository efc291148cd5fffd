/** `listClients`: the current profile is the latest assessment, per advisor, on every store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { seedDemoData } from '../../db/seed/seed.js';
import { storeTargets } from '../../db/testing.js';
import { listClients } from './clients.js';

for (const target of storeTargets()) {
  describe(`listClients (${target.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await seedDemoData(db, { clients: 15 });
    }, 60_000);
    afterAll(async () => db?.close());

    it('lists every client with the level of the latest assessment', async () => {
      const all = await listClients(db);
      expect(all.map((c) => c.id)).toEqual(Array.from({ length: 15 }, (_, i) => `C${String(i + 1).padStart(4, '0')}`));
      const latest = await db.query<{ client_id: string; level: number }>(
        `SELECT DISTINCT ON (client_id) client_id, level FROM risk_profiles ORDER BY client_id, assessed_at DESC`,
      );
      const expected = new Map(latest.rows.map((r) => [r.client_id, `C${r.level}`]));
      for (const c of all) expect(c.riskProfile).toBe(expected.get(c.id));

      // A newer assessment becomes the current profile.
      await db.query(
        `INSERT INTO risk_profiles (client_id, level, score, assessed_at, expires_at) VALUES ('C0004', 2, 30, '2026-11-21T10:00:00+08:00', '2027-11-21T10:00:00+08:00')`,
      );
      const after = await listClients(db);
      expect(after.find((c) => c.id === 'C0004')?.riskProfile).toBe('C2');
    });

    it('filters by advisor and refuses an unknown one', async () => {
      const mine = await listClients(db, 'A003');
      const rows = await db.query<{ id: string }>(`SELECT id FROM clients WHERE advisor_id = 'A003' ORDER BY id`);
      expect(mine.map((c) => c.id)).toEqual(rows.rows.map((r) => r.id));
      expect(mine.length).toBeGreaterThan(0);
      await expect(listClients(db, 'NOPE')).rejects.toMatchObject({ code: 'WD_ERR_UNKNOWN_ADVISOR' });
    });
  });
}
