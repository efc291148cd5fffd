/**
 * Start-up as a newcomer meets it: `npm start` on an empty data directory (cold), then
 * again on the same directory (warm), each measured from spawn to `/readyz` 200, against
 * the time merely starting `tsx` takes (`npx tsx -e 1`). While a server starts, `/healthz`
 * is asked over and over; the bench prints when it first answered after the server began
 * listening and the slowest answer it got while start-up work ran (a blocked event loop
 * shows there). Resident memory is the serving process's VmRSS once `/readyz` is 200.
 *
 * Each server runs in a temporary DATA_DIR on a free port, in its own process group, and
 * is stopped with SIGTERM (SIGKILL after 15 s) by the bench itself.
 *
 *   npm run bench startup          (or: npx tsx bench/startup.bench.ts [runs])
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcessGroup } from '../test/helpers/cluster.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 2);
const DEADLINE_MS = 180_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Median of a few runs of `npx tsx -e 1` (ms). */
function tsxBaseline(runs = 3): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = spawnSync('npx', ['tsx', '-e', '1'], { cwd: ROOT, stdio: 'ignore' });
    if (r.status !== 0) throw new Error('npx tsx -e 1 failed');
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
}

/** The process group's processes and their resident memory (kB). */
function groupRss(pgid: number): { pid: number; cmd: string; rssKb: number }[] {
  const out: { pid: number; cmd: string; rssKb: number }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 (pgrp)
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'));
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(d), cmd, rssKb: rss ? Number(rss[1]) : 0 });
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}

interface StartRun {
  /** spawn → first `/healthz` 200 */
  healthzMs: number;
  /** spawn → the log line saying the server listens */
  listenMs: number;
  /** listening → the first `/healthz` answer */
  listenToHealthzMs: number;
  /** the slowest `/healthz` answer between listening and ready */
  worstHealthzMs: number;
  /** spawn → `/readyz` 200 */
  readyMs: number;
  /** what `/readyz` said while not ready (distinct bodies, in order) */
  notReady: string[];
  /** the serving process's resident memory once ready (MB), and the whole `npm start` tree's */
  rssMb: number;
  treeRssMb: number;
  startup?: unknown;
}

/** One `npm start` in `dataDir`, measured until `/readyz` is 200; the server is stopped before this resolves. */
export async function measureStart(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const wall0 = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true, // its own process group: npm → sh → tsx → node, stopped together
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let listenWall: number | undefined;
  let startup: unknown;
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    log += s;
    for (const line of s.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const j = JSON.parse(line) as { msg?: string; time?: number; ms?: unknown; seeded?: unknown };
        if (listenWall === undefined && typeof j.msg === 'string' && j.msg.startsWith('Server listening')) listenWall = j.time;
        if (j.msg === 'WealthDesk is serving') startup = { seeded: j.seeded, ms: j.ms };
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s));
  const get = async (path: string): Promise<{ status: number; body: string; ms: number; sentWall: number } | undefined> => {
    const sentWall = Date.now();
    const s = performance.now();
    try {
      const r = await fetch(base + path, { signal: AbortSignal.timeout(60_000) });
      return { status: r.status, body: await r.text(), ms: performance.now() - s, sentWall };
    } catch {
      return undefined;
    }
  };
  try {
    let healthzMs: number | undefined;
    let firstAfterListen: number | undefined;
    let worst = 0;
    let ready = false;
    const notReady: string[] = [];
    // /healthz, asked back to back from spawn until ready
    const healthLoop = (async () => {
      while (!ready && child.exitCode === null) {
        const r = await get('/healthz');
        if (r?.status === 200) {
          const answeredWall = r.sentWall + r.ms;
          healthzMs ??= performance.now() - t0;
          if (listenWall !== undefined && firstAfterListen === undefined) firstAfterListen = answeredWall - listenWall;
          if (!ready) worst = Math.max(worst, r.ms);
        } else await sleep(20);
      }
    })();
    let readyMs = 0;
    while (performance.now() - t0 < DEADLINE_MS) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${log.slice(-3000)}`);
      const r = await get('/readyz');
      if (r?.status === 200) {
        readyMs = performance.now() - t0;
        ready = true;
        break;
      }
      if (r && !notReady.includes(r.body)) notReady.push(r.body);
      await sleep(50);
    }
    if (!ready) throw new Error(`not ready within ${DEADLINE_MS} ms:\n${log.slice(-3000)}`);
    await healthLoop;
    await sleep(300); // let the last start-up work settle before reading memory
    const procs = groupRss(child.pid!);
    const server = procs.filter((p) => /main\.ts|main\.js/.test(p.cmd)).sort((a, b) => b.rssKb - a.rssKb)[0];
    return {
      healthzMs: healthzMs ?? NaN,
      listenMs: listenWall === undefined ? NaN : listenWall - wall0,
      listenToHealthzMs: firstAfterListen ?? NaN,
      worstHealthzMs: worst,
      readyMs,
      notReady,
      rssMb: (server?.rssKb ?? 0) / 1024,
      treeRssMb: procs.reduce((a, p) => a + p.rssKb, 0) / 1024,
      startup,
    };
  } finally {
    await stopProcessGroup(child);
  }
}

function line(label: string, r: StartRun, base: number): string {
  const f = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : '—');
  return (
    `${label.padEnd(6)} ready ${f(r.readyMs)} ms (${(r.readyMs / base).toFixed(2)}× tsx -e 1)  listening ${f(r.listenMs)} ms  ` +
    `listening→first /healthz ${f(r.listenToHealthzMs)} ms  slowest /healthz while starting ${f(r.worstHealthzMs)} ms  ` +
    `RSS ${r.rssMb.toFixed(0)} MB (npm start tree ${r.treeRssMb.toFixed(0)} MB)\n`
  );
}

async function main(): Promise<void> {
  const base = tsxBaseline();
  process.stdout.write(`npx tsx -e 1: ${Math.round(base)} ms (median of 3)\n`);
  for (let run = 1; run <= RUNS; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'wd-startup-'));
    try {
      const cold = await measureStart(dir);
      process.stdout.write(line(`cold`, cold, base));
      process.stdout.write(`       /readyz while starting: ${cold.notReady.join(' · ') || '(ready at first ask)'}\n`);
      process.stdout.write(`       start-up steps: ${JSON.stringify(cold.startup)}\n`);
      const warm = await measureStart(dir);
      process.stdout.write(line(`warm`, warm, base));
      process.stdout.write(`       start-up steps: ${JSON.stringify(warm.startup)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`targets: cold ≤ 4×, warm ≤ 2× tsx -e 1; /healthz within 1 s of listening; RSS ≤ 300 MB\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
