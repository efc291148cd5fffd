/** Forwarding commands to the server on the same store: real Unix sockets, a recording executor. */
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { cliSocketPath, configFingerprint, forwardable, listenForCli, tryForward } from './forward.js';

const dir = mkdtempSync(join(tmpdir(), 'wd-forward-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dir, ...env });

describe('forwardable', () => {
  it('takes ask, clients and search, but not file arguments, help or other commands', () => {
    expect(forwardable(['ask', '我的组合现在值多少钱？', '--as', 'client:C0001', '--json'])).toBe(true);
    expect(forwardable(['clients', '--advisor', 'A001'])).toBe(true);
    expect(forwardable(['search', 'REIT 分红', '--k', '3'])).toBe(true);
    expect(forwardable(['ask', '--file', 'q.jsonl', '--as', 'client:C0001'])).toBe(false);
    expect(forwardable(['search', '--file=q.jsonl'])).toBe(false);
    expect(forwardable(['ask', '--help'])).toBe(false);
    expect(forwardable(['seed'])).toBe(false);
    expect(forwardable(['audit', 'verify'])).toBe(false);
    expect(forwardable([])).toBe(false);
  });
});

describe('configFingerprint', () => {
  it('ignores the port and log level, not the store, the model or the secrets', () => {
    const base = configFingerprint(config());
    expect(configFingerprint(config({ PORT: '4000', LOG_LEVEL: 'warn' }))).toBe(base);
    expect(configFingerprint(config({ LLM_MODEL: 'qwen-plus' }))).not.toBe(base);
    expect(configFingerprint(config({ AUTH_SECRET: 'x'.repeat(40) }))).not.toBe(base);
    expect(configFingerprint(loadConfig({ DATA_DIR: join(dir, 'other') }))).not.toBe(base);
  });
});

describe('listenForCli / tryForward', () => {
  it('runs a command in the listening process and returns its output and status', async () => {
    const seen: string[][] = [];
    const listener = await listenForCli(config(), async (argv) => {
      seen.push(argv);
      return { stdout: '{"clients":[]}\n', stderr: 'note\n', code: argv.includes('A999') ? 1 : 0 };
    });
    expect(listener?.path).toBe(cliSocketPath(config()));
    expect(statSync(listener!.path).mode & 0o777).toBe(0o600);
    try {
      expect(await tryForward(['clients'], config())).toEqual({ stdout: '{"clients":[]}\n', stderr: 'note\n', code: 0 });
      expect((await tryForward(['clients', '--advisor', 'A999'], config({ PORT: '4001' })))?.code).toBe(1);
      // Another configuration, or a command with file arguments, runs in its own process.
      expect(await tryForward(['clients'], config({ LLM_MODEL: 'qwen-plus' }))).toBeUndefined();
      expect(await tryForward(['ask', '--file', 'q.jsonl', '--as', 'client:C0001'], config())).toBeUndefined();
      expect(seen).toEqual([['clients'], ['clients', '--advisor', 'A999']]);

      // A second server on the same data directory leaves the live socket alone.
      expect(await listenForCli(config(), async () => ({ stdout: '', stderr: '', code: 0 }))).toBeUndefined();
    } finally {
      await listener!.close();
    }
    expect(existsSync(cliSocketPath(config()))).toBe(false);
    expect(await tryForward(['clients'], config())).toBeUndefined();
  });

  it('runs here when the socket file is left by a server that is gone, and a new server replaces it', async () => {
    writeFileSync(cliSocketPath(config()), '');
    expect(await tryForward(['clients'], config())).toBeUndefined();
    const listener = await listenForCli(config(), async () => ({ stdout: 'ok\n', stderr: '', code: 0 }));
    try {
      expect((await tryForward(['clients'], config()))?.stdout).toBe('ok\n');
    } finally {
      await listener!.close();
    }
  });

  it('with DATABASE_URL nothing is forwarded', async () => {
    expect(await tryForward(['clients'], config({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }))).toBeUndefined();
  });
});
