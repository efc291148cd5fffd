/**
 * A local cluster for fault tests and the load bench, on 127.0.0.1 only: a Redis server of
 * the caller's own (`redis-server` on a free port, no persistence) that can be killed and
 * restarted on the same port, and app nodes as child processes (`src/main.ts`, what
 * `npm start` runs) whose log lines are kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';

/** Resolves once `check()` holds (a throw counts as not yet), polling every 25 ms; fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`${what} not reached in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

async function stop(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Stops a child started with `detached: true` and its whole process group (`npm start`
 * runs node under npm/sh): SIGTERM, then SIGKILL after `graceMs`.
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const group = -child.pid;
  const exited = once(child, 'exit');
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

export interface TestRedis {
  port: number;
  url: string;
  /** SIGKILL: the server vanishes mid-run, connections reset. */
  kill(): Promise<void>;
  /** A fresh, empty server on the same port. */
  start(): Promise<void>;
}

/** Starts `redis-server` on a free port (no RDB, no AOF) and waits until it accepts. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const r: TestRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      if (child) await stop(child, 'SIGKILL');
      await until(async () => !(await accepts(port)), 10_000, 'redis gone');
    },
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await until(() => accepts(port), 10_000, 'redis accepting');
    },
  };
  await r.start();
  return r;
}

export interface TestNode {
  url: string;
  child: ChildProcess;
  /** Everything it wrote (pino JSON lines on stdout, anything on stderr). */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts` with only `env` (plus PATH/HOME; nothing of this process leaks in)
 * on a free port of 127.0.0.1 and resolves once it serves and `/readyz` is 200.
 */
export async function startNode(env: Record<string, string>, nodeArgs: string[] = []): Promise<TestNode> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let url = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += String(d);
    if (!url) url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"WealthDesk is serving"/.exec(out)?.[1] ?? '';
  });
  child.stderr!.on('data', (d: Buffer) => (out += String(d)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  await until(() => url !== '' || !alive(), 90_000, 'node serving');
  if (!alive()) throw new Error(`node exited at start:\n${out}`);
  await until(async () => (await fetch(`${url}/readyz`)).status === 200, 60_000, 'node ready');
  return { url, child, output: () => out, alive, stop: () => stop(child, 'SIGTERM') };
}
