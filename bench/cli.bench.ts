/**
 * `npm run bench cli`: wall time of one `wealthdesk` command, process start to exit, on a
 * seeded embedded store, against merely starting tsx (`npx tsx -e 1`), the issue-10
 * yardstick: `wealthdesk ask` should take no longer. Each round runs every command once,
 * interleaved, so load from other work on the machine hits them alike; the medians of
 * BENCH_ROUNDS rounds (default 5) are printed, and each one's ratio to `npx tsx -e 1`.
 * Twice: with no server (each command boots the store itself; "ask from src (tsx)" is how
 * it ran before it was compiled ahead of time), then with the server running on that
 * store (ask, clients run inside it, src/cli/forward.ts). The store is a fresh temporary
 * DATA_DIR that the first `clients` seeds (timed once).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

type Case = [string, readonly [string, readonly string[]]];
const wd = (...args: string[]) => [process.execPath, ['bin/wealthdesk.js', ...args]] as const;
const TSX: Case = ['npx tsx -e 1', ['npx', ['tsx', '-e', '1']]];
const CLIENTS: Case = ['wealthdesk clients', wd('clients')];
const ASK: Case = ['wealthdesk ask', wd('ask', QUESTION, '--as', 'client:C0001')];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function rounds(title: string, cases: Case[]): void {
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, [cmd, args]] of cases) times.get(name)!.push(timed(cmd, args));
  const base = median(times.get(TSX[0])!);
  console.log(`${title}: median of ${ROUNDS} rounds (min–max), ratio to npx tsx -e 1`);
  for (const [name, xs] of times) {
    const range = `${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)}`;
    console.log(`  ${name.padEnd(20)} ${(median(xs) / 1000).toFixed(2)} s  (${range})  ×${(median(xs) / base).toFixed(2)}`);
  }
  const ask = median(times.get(ASK[0])!);
  console.log(`  target (issue 10): wealthdesk ask ≤ npx tsx -e 1 — ${ask <= base ? 'met' : `not met (×${(ask / base).toFixed(2)})`}`);
}

try {
  const seedMs = timed(...wd('clients')); // builds dist/ if stale, seeds the empty store
  console.log(`first command on an empty store (builds dist/ if stale, seeds): ${(seedMs / 1000).toFixed(1)} s`);
  rounds('no server running', [
    TSX,
    ['wealthdesk --help', wd('--help')],
    CLIENTS,
    ASK,
    ['ask from src (tsx)', ['npx', ['tsx', 'src/cli/main.ts', 'ask', QUESTION, '--as', 'client:C0001']]],
  ]);
  const server = spawn(process.execPath, ['dist/main.js'], { env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: 'ignore' });
  const exited = new Promise((r) => server.once('exit', r));
  try {
    const socket = join(dataDir, 'cli.sock');
    for (let i = 0; i < 600 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 250));
    if (!existsSync(socket)) throw new Error('the server did not open its CLI socket');
    rounds('server running on the store (npm start)', [TSX, CLIENTS, ASK]);
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
