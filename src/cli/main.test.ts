/**
 * The installed command end to end: `node bin/wealthdesk.js …` (the compiled dist/) in a
 * child process, against an empty embedded store in a temporary DATA_DIR — help without
 * running anything, the first command seeding the store, exit status 1 on every failure,
 * and, while the server runs on that store, the same commands answered inside it.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'wd-cli-main-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/wealthdesk.js', ...args],
      { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LLM_PROVIDER: 'offline', LOG_LEVEL: 'warn' }, timeout: 170_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (err as { code?: unknown }).code : 0;
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}

const json = (r: Run) => JSON.parse(r.stdout) as any;

describe('wealthdesk help', () => {
  it('prints a subcommand\'s usage without running it, as text or with --json as JSON', async () => {
    const text = await cli('ask', '--help');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('wealthdesk ask "<question>" --as client:<id>|advisor:<id>');
    expect(text.stdout).toContain('--conversation <id>');
    expect(text.stdout).toMatch(/--json\s+exactly one JSON document on stdout/);

    const asJson = await cli('help', 'ask', '--json');
    expect(asJson.code).toBe(0);
    const h = json(asJson);
    expect(h.command).toBe('ask');
    expect(h.usage[0]).toBe('wealthdesk ask "<question>" --as client:<id>|advisor:<id> [--lang zh|en] [--conversation <id>]');
    expect(Object.keys(h.options)).toEqual(expect.arrayContaining(['--as <principal>', '--file <jsonl>', '--json', '--help, -h']));

    const all = await cli('--help', '--json');
    expect(Object.keys(json(all).commands)).toEqual(['ask', 'audit', 'clients', 'guard', 'ingest', 'optimize', 'reindex', 'risk', 'search', 'seed', 'serve']);
  }, 60_000);

  it('exits 1 with an error document on an unknown command or flag', async () => {
    const unknown = await cli('nope', '--json');
    expect(unknown.code).toBe(1);
    expect(json(unknown)).toEqual({ error: { code: 'WD_ERR_UNKNOWN_COMMAND', message: 'Unknown command "nope". Run "wealthdesk help".' } });

    const badFlag = await cli('risk', '--prices', 'x.csv', '--wieghts', '{}');
    expect(badFlag.code).toBe(1);
    expect(json(badFlag).error.code).toBe('WD_ERR_VALIDATION');
    expect(json(badFlag).error.message).toContain("'--wieghts'");
  }, 60_000);
});

describe('wealthdesk on an empty store', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds it on the first command, answers, and exits 1 when a turn\'s tool failed', async () => {
    const first = await cli('clients', '--advisor', 'A001', '--json');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('the store is empty; seeding the demo data first');
    const book = json(first).clients as { id: string; advisorId: string }[];
    expect(book[0]).toEqual({ id: 'C0001', name: '张伟', advisorId: 'A001', riskProfile: 'C3', baseCurrency: 'CNY' });
    expect(book.every((c) => c.advisorId === 'A001')).toBe(true);

    const ask = await cli('ask', '我的组合现在值多少钱？', '--as', 'client:C0001');
    expect(ask.stderr).not.toContain('seeding');
    expect(ask.code).toBe(0);
    const a = json(ask);
    expect(a.answer).toContain('3,134,166.57 CNY');
    expect(a.toolCalls.map((t: { name: string }) => t.name)).toEqual(['get_portfolio']);
    expect(a.flags).not.toContain('tool_error');

    // The tool fails (no such client): the answer document is printed, and the status is 1.
    const failed = await cli('ask', '客户C9999的组合', '--as', 'advisor:A001', '--json');
    expect(failed.code).toBe(1);
    const f = json(failed);
    expect(f.flags).toContain('tool_error');
    expect(f.toolCalls[0]).toMatchObject({ name: 'get_portfolio', result: { error: { code: 'WD_ERR_UNKNOWN_CLIENT' } } });
    expect(typeof f.answer).toBe('string');

    const noPrincipal = await cli('ask', 'hello');
    expect(noPrincipal.code).toBe(1);
    expect(json(noPrincipal)).toEqual({ error: { code: 'WD_ERR_VALIDATION', message: '--as client:<id> | advisor:<id> is required' } });
  }, 600_000);

  it('while the server runs on the store, ask and clients run in it, with the same output and status', async () => {
    const server = spawn(process.execPath, ['dist/main.js'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LLM_PROVIDER: 'offline', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let log = '';
    server.stdout.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise((r) => server.once('exit', r));
    try {
      const socket = join(dataDir, 'cli.sock');
      for (let i = 0; i < 300 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 500));
      expect(existsSync(socket)).toBe(true);

      const ask = await cli('ask', '我的组合现在值多少钱？', '--as', 'client:C0001');
      expect(ask.code).toBe(0);
      expect(json(ask).answer).toContain('3,134,166.57 CNY');
      const failed = await cli('ask', '客户C9999的组合', '--as', 'advisor:A001');
      expect(failed.code).toBe(1);
      expect(json(failed).flags).toContain('tool_error');
      const unknown = await cli('clients', '--advisor', 'A999');
      expect(unknown.code).toBe(1);
      expect(json(unknown).error.code).toBe('WD_ERR_UNKNOWN_ADVISOR');

      // The server ran them (its log names the command and status, never the question).
      const ran = log.split('\n').filter((l) => l.includes('"msg":"wealthdesk command"')).map((l) => JSON.parse(l));
      expect(ran.map((r) => [r.command, r.code])).toEqual([['ask', 0], ['ask', 1], ['clients', 1]]);
      expect(log).not.toContain('C9999');
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    expect(existsSync(join(dataDir, 'cli.sock'))).toBe(false);
  }, 600_000);
});
