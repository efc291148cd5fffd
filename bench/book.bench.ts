/**
 * `npm run bench book`: the advisor's book tools on seeded PGlite (the default demo data,
 * 200 clients; advisor A001's book has 44), pinned to the seed's valuation date. Times
 * each screen_book criterion, book_overview and client_summary through `executeTool`
 * (validation, the whole batch read and computation): one cold call, then the median
 * and max of a few warm calls, in ms.
 */
import { DEFAULT_AS_OF, seedDemoData } from '../src/db/seed/seed.js';
import { openTestPglite } from '../src/db/testing.js';
import { executeTool } from '../src/tools/registry.js';
import { SCREEN_CRITERIA } from '../src/tools/screen-book/schema.js';
import type { ToolContext } from '../src/tools/types.js';

const RUNS = 5;

const db = await openTestPglite();
await seedDemoData(db, { asOf: DEFAULT_AS_OF });
const ctx: ToolContext = { principal: { role: 'advisor', advisorId: 'A001' }, db, lang: 'zh', asOf: DEFAULT_AS_OF, state: {} };
const clients = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM clients WHERE advisor_id = 'A001'")).rows[0].n;
process.stdout.write(`advisor A001, ${clients} clients, as of ${DEFAULT_AS_OF} (PGlite, in process)\n`);
process.stdout.write(`${'call'.padEnd(40)}${'cold'.padStart(9)}${'p50'.padStart(9)}${'max'.padStart(9)}  matched\n`);

async function bench(label: string, name: string, args: Record<string, unknown>): Promise<void> {
  const times: number[] = [];
  let matched = '';
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const out = await executeTool(name, args, ctx);
    times.push(performance.now() - t);
    if (!out.ok) throw new Error(`${label}: ${JSON.stringify(out.error)}`);
    const r = out.result as { total?: number; clients?: number };
    matched = r.total !== undefined ? String(r.total) : r.clients !== undefined ? `${r.clients} clients` : '';
  }
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  const f = (x: number) => `${x.toFixed(0)} ms`.padStart(9);
  process.stdout.write(`${label.padEnd(40)}${f(cold)}${f(warm[Math.floor(warm.length / 2)])}${f(warm[warm.length - 1])}  ${matched}\n`);
}

for (const criterion of SCREEN_CRITERIA) {
  await bench(`screen_book ${criterion}`, 'screen_book', criterion === 'holds_product' ? { criterion, product: '018201' } : { criterion });
}
await bench('screen_book underperformed 2025', 'screen_book', { criterion: 'underperformed', period: '2025' });
await bench('screen_book underperformed 3Y', 'screen_book', { criterion: 'underperformed', period: '3Y' });
await bench('screen_book underperformed SI', 'screen_book', { criterion: 'underperformed', period: 'SI' });
await bench('book_overview', 'book_overview', {});
await bench('client_summary C0003', 'client_summary', { clientId: 'C0003' });
await db.close();
