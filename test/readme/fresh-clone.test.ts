/**
 * The README's commands on a fresh clone, as a newcomer runs them: the fenced blocks the
 * README marks with `<!-- fresh-clone: start | http | cli -->` are read from the clone's
 * own README and run with bash in the clone — install and start (`npm ci && npm start`),
 * the first question over HTTP (the SSE curl), then, with the server stopped, the first
 * CLI question. A command that stops working, or a block that is renamed or removed,
 * fails this test.
 *
 * What the test changes, and only this: the server gets a free PORT (environment; the
 * README's default 3000 may be taken on a shared machine) and `http://localhost:3000` in
 * the HTTP block becomes that address; npm uses its cache first (`prefer-offline`) so the
 * install stays bounded. The clone sits next to `../shared` when the checkout has one (the
 * layout the tests expect), else in the temp directory; it is removed afterwards.
 *
 * It clones the commit checked out (HEAD): commit before running it locally.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, stopProcessGroup } from '../helpers/cluster.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUDGET_MS = 180_000;

/** The fenced code block after `<!-- fresh-clone: name -->`, its indentation (inside a list item) removed. */
export function readmeBlock(readme: string, name: string): string {
  const m = new RegExp(`<!-- fresh-clone: ${name} -->\\s*\\n([ \\t]*)\`\`\`(?:sh|bash)\\n([\\s\\S]*?)\\n[ \\t]*\`\`\``).exec(readme);
  if (!m) throw new Error(`README has no \`<!-- fresh-clone: ${name} -->\` sh block`);
  const indent = m[1]!.length;
  return m[2]!
    .split('\n')
    .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
    .join('\n')
    .trim();
}

function run(cmd: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', cmd], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('README on a fresh clone', () => {
  const shared = resolve(ROOT, '..', 'shared');
  const parent = existsSync(shared) ? dirname(shared) : tmpdir();
  const dir = mkdtempSync(join(parent, '.wd-fresh-clone-'));
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server) await stopProcessGroup(server, 20_000);
    // Removing node_modules takes a minute on a busy machine: done in the background, off CI's clock.
    const rm = spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' });
    rm.on('error', () => rmSync(dir, { recursive: true, force: true }));
    rm.unref();
  });

  it('installs, starts, answers a first question over HTTP and one from the CLI, as the README says', async () => {
    const t0 = performance.now();
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    const clone = join(dir, 'wealthdesk');
    for (const args of [['clone', '--quiet', '--no-checkout', ROOT, clone], ['-C', clone, 'checkout', '--quiet', head]]) {
      const g = spawnSync('git', args, { encoding: 'utf8' });
      expect(g.status, g.stderr).toBe(0);
    }
    const readme = readFileSync(join(clone, 'README.md'), 'utf8');
    const start = readmeBlock(readme, 'start');
    const http = readmeBlock(readme, 'http');
    const cli = readmeBlock(readme, 'cli');
    expect(start).toMatch(/npm start/);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    // 1. install and start, exactly as written (in its own process group, stopped by us)
    let log = '';
    server = spawn('bash', ['-c', start], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.setEncoding('utf8').on('data', (s: string) => (log = (log + s).slice(-20_000)));
    server.stderr!.setEncoding('utf8').on('data', (s: string) => (log = (log + s).slice(-20_000)));
    let ready = false;
    while (!ready && performance.now() - t0 < BUDGET_MS - 60_000) {
      if (server.exitCode !== null) throw new Error(`\`${start}\` exited ${server.exitCode}:\n${log}`);
      try {
        ready = (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) })).status === 200;
      } catch {
        // not listening yet
      }
      if (!ready) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready, `not ready in time:\n${log}`).toBe(true);
    const installedAndReadyMs = performance.now() - t0;

    // 2. the first question over HTTP (SSE), the README's curl commands
    const h = run(http.replaceAll('http://localhost:3000', base), clone, env, 60_000);
    expect(h.status, h.stderr).toBe(0);
    expect(h.stdout).toContain('event: start');
    expect(h.stdout).toContain('"name":"get_portfolio"');
    const done = /event: done\ndata: (.*)\n/.exec(h.stdout);
    expect(done, h.stdout.slice(-2000)).not.toBeNull();
    const result = JSON.parse(done![1]!) as { answer: string; toolCalls: { name: string }[] };
    expect(result.answer).toMatch(/CNY/);

    // 3. stop the server (the embedded store is one process's at a time), then the CLI question
    await stopProcessGroup(server, 20_000);
    server = undefined;
    const c = run(cli, clone, env, 90_000);
    expect(c.status, c.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(c.stdout) as { answer: string; toolCalls: { name: string }[] };
    expect(out.toolCalls.map((t) => t.name)).toEqual(['get_portfolio']);
    expect(out.answer).toMatch(/CNY/);
    const totalMs = performance.now() - t0;
    // The budget is the test's timeout (its share of CI's 20 minutes); the figures go to the log.
    process.stderr.write(`fresh clone: install + start to ready ${Math.round(installedAndReadyMs)} ms, all ${Math.round(totalMs)} ms\n`);
  }, BUDGET_MS);
});
