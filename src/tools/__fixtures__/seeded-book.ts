/**
 * The seeded store the book-tool tests share: the deterministic demo data (120 clients:
 * A001's book has 28, the others 23), pinned to the seed's valuation date, with three
 * changes so every screen has matches in A001's book — the demo data keeps every
 * portfolio inside its profile's volatility ceiling and lets only A005's profiles expire:
 * - C0005 (李强, a C5 equity portfolio) was reassessed as C1 → above its ceiling;
 * - A001's last client never did the questionnaire (profiles removed) → missing;
 * - A001's second-to-last client's profile expired on 2026-11-01.
 * Helpers run a tool as an advisor and read the client tools' own answers for
 * independent expectations.
 */
import type { Db } from '../../db/db.js';
import { DEFAULT_AS_OF, seedDemoData } from '../../db/seed/seed.js';
import { openTestPglite } from '../../db/testing.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

export const AS_OF = DEFAULT_AS_OF;
export const BOOK_CLIENTS = 120;

export interface SeededBook {
  db: Db;
  /** A001's client ids, in id order. */
  a001: string[];
  missing: string;
  expired: string;
  reassessed: string;
}

export async function openSeededBook(): Promise<SeededBook> {
  const db = await openTestPglite();
  await seedDemoData(db, { clients: BOOK_CLIENTS, asOf: AS_OF });
  const a001 = (await db.query<{ id: string }>("SELECT id FROM clients WHERE advisor_id = 'A001' ORDER BY id")).rows.map((r) => r.id);
  const missing = a001[a001.length - 1];
  const expired = a001[a001.length - 2];
  const reassessed = 'C0005';
  await db.query('DELETE FROM risk_profiles WHERE client_id = $1', [missing]);
  await db.query(
    `UPDATE risk_profiles SET expires_at = '2026-11-01T10:00:00+08:00'
      WHERE id = (SELECT id FROM risk_profiles WHERE client_id = $1 ORDER BY assessed_at DESC, id DESC LIMIT 1)`,
    [expired],
  );
  await db.query(
    `INSERT INTO risk_profiles (client_id, level, score, answers, reasons, assessed_at, expires_at, source)
     VALUES ($1, 1, 15, '{}', '[]', '2026-10-15T10:00:00+08:00', '2027-10-15T10:00:00+08:00', 'questionnaire')`,
    [reassessed],
  );
  return { db, a001, missing, expired, reassessed };
}

export function advisorCtx(db: Db, advisorId = 'A001', lang: 'zh' | 'en' = 'zh'): ToolContext {
  return { principal: { role: 'advisor', advisorId }, db, lang, asOf: AS_OF, state: {} };
}

/** Runs a tool and returns its result, failing the test on a tool error. */
export async function run<R>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<R> {
  const out = await executeTool(name, args, ctx);
  if (!out.ok) throw new Error(`${name} ${JSON.stringify(args)}: ${JSON.stringify(out.error)}`);
  return out.result as R;
}

/** Wall time of `f` in ms, with its result. */
export async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}
