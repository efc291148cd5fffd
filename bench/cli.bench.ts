/**
 * `npm run bench cli`: wall time of one `wealthdesk` command, process start to exit, on a
 * seeded embedded store, against merely starting tsx (`npx tsx -e 1`), the issue-10
 * yardstick: `wealthdesk ask` should take no longer. Each round runs every command once,
 * interleaved, so load from other work on the machine hits them alike; the medians of
 * BENCH_ROUNDS rounds (default 5) are printed, and each one's ratio to `npx tsx -e 1`.
 * "from src (tsx)" is how the command ran before it was compiled ahead of time.
 * The store is a fresh temporary DATA_DIR that the first `clients` seeds (timed once).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const QUESTION = '我的组合现在值多少钱？';
const dataDir = mkdtempSync(join(tmpdir(), 'wd-bench-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };

function timed(cmd: string, args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, [...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`);
  return ms;
}

const wd = (...args: string[]) => [process.execPath, ['bin/wealthdesk.js', ...args]] as const;
const CASES: [string, readonly [string, readonly string[]]][] = [
  ['npx tsx -e 1', ['npx', ['tsx', '-e', '1']]],
  ['wealthdesk --help', wd('--help')],
  ['wealthdesk clients', wd('clients')],
  ['wealthdesk ask', wd('ask', QUESTION, '--as', 'client:C0001')],
  ['ask from src (tsx)', ['npx', ['tsx', 'src/cli/main.ts', 'ask', QUESTION, '--as', 'client:C0001']]],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const seedMs = timed(...wd('clients')); // builds dist/ if stale, seeds the empty store
  console.log(`first command on an empty store (builds dist/ if stale, seeds): ${(seedMs / 1000).toFixed(1)} s`);
  const times = new Map<string, number[]>(CASES.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, [cmd, args]] of CASES) times.get(name)!.push(timed(cmd, [...args]));
  const base = median(times.get('npx tsx -e 1')!);
  console.log(`median of ${ROUNDS} rounds (min–max), ratio to npx tsx -e 1:`);
  for (const [name, xs] of times) {
    const m = median(xs);
    const range = `${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)}`;
    console.log(`  ${name.padEnd(20)} ${(m / 1000).toFixed(2)} s  (${range})  ×${(m / base).toFixed(2)}`);
  }
  const ask = median(times.get('wealthdesk ask')!);
  console.log(`target (issue 10): wealthdesk ask ≤ npx tsx -e 1 — ${ask <= base ? 'met' : `not met (×${(ask / base).toFixed(2)})`}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
