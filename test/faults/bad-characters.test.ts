/**
 * Characters the store cannot hold, and text with nothing visible in it, at every chat
 * entry point: HTTP JSON, HTTP SSE, socket.io and the CLI. A NUL (U+0000) or an unpaired
 * surrogate (U+D800…U+DFFF) is refused with 400 WD_ERR_BAD_TEXT (never normalized: the
 * service must not answer a message the user did not write); zero-width-only text is
 * WD_ERR_MESSAGE_EMPTY. Nothing is stored for a refused message. Then a property: no
 * string a client can send as a message gets a 5xx from the real turn service.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPglite } from '../../src/db/testing.js';
import { bearer, startTarget, tokenFor, type Target } from '../security/harness.js';

const NUL = 'how much is my portfolio\u0000 worth?';
const LONE_HIGH = '\ud800 我的组合';
const LONE_LOW = 'portfolio \udfff';
const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\ufeff \u200b';

let t: Target;
let token: string;
const counts = async () =>
  (await t.db.query<{ c: number; t: number }>('SELECT (SELECT count(*) FROM conversations)::int AS c, (SELECT count(*) FROM turns)::int AS t')).rows[0];

beforeAll(async () => {
  t = await startTarget(openTestPglite, { app: { rateLimit: { max: 100_000, windowMs: 60_000 } } });
  await t.listen();
  token = await tokenFor({ role: 'client', clientId: 'C0001' });
});
afterAll(async () => {
  await t?.close();
});

/** POSTs a raw JSON body text (so escapes like \u0000 travel exactly as a client wrote them). */
const post = (body: string | Buffer, accept = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(token), 'content-type': 'application/json', accept }, payload: body });

describe('HTTP (JSON and SSE)', () => {
  for (const accept of ['application/json', 'text/event-stream']) {
    it(`${accept}: NUL and unpaired surrogates are 400 WD_ERR_BAD_TEXT naming the field; zero-width-only is 400 WD_ERR_MESSAGE_EMPTY; nothing is stored`, async () => {
      const before = await counts();
      for (const text of [NUL, LONE_HIGH, LONE_LOW]) {
        const r = await post(JSON.stringify({ message: text }), accept);
        expect(r.statusCode).toBe(400);
        expect(r.json()).toMatchObject({ statusCode: 400, code: 'WD_ERR_BAD_TEXT', message: expect.stringMatching(/^message: contains a (NUL character|unpaired surrogate) at position \d+$/) });
      }
      const empty = await post(JSON.stringify({ message: ZERO_WIDTH }), accept);
      expect([empty.statusCode, empty.json().code]).toEqual([400, 'WD_ERR_MESSAGE_EMPTY']);
      expect(await counts()).toEqual(before);
    });
  }

  it('a bad character anywhere in the body (another field, a key) is refused too', async () => {
    expect((await post('{"message":"hi","lang":"z\\u0000h"}')).json().code).toBe('WD_ERR_BAD_TEXT');
    expect((await post('{"message":"hi","\\ud800":1}')).json().code).toBe('WD_ERR_BAD_TEXT');
  });

  it('raw bytes: a literal NUL inside a JSON string is malformed JSON, CESU-encoded surrogates are not UTF-8 (both 400)', async () => {
    const rawNul = Buffer.concat([Buffer.from('{"message":"a'), Buffer.from([0]), Buffer.from('b"}')]);
    expect([(await post(rawNul)).statusCode, (await post(rawNul)).json().code]).toEqual([400, 'WD_ERR_BAD_JSON']);
    const cesu = Buffer.concat([Buffer.from('{"message":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b"}')]);
    expect([(await post(cesu)).statusCode, (await post(cesu)).json().code]).toEqual([400, 'WD_ERR_BAD_JSON']);
  });

  it('query strings: %00 is 400 WD_ERR_BAD_TEXT; in a path parameter it is the route\'s own 404; invalid percent-encoded UTF-8 is never a 5xx', async () => {
    const q = await t.app.inject({ url: '/api/v1/conversations?q=%00', headers: bearer(token) });
    expect([q.statusCode, q.json().code]).toEqual([400, 'WD_ERR_BAD_TEXT']);
    const paths: [string, string][] = [
      ['/api/v1/conversations/%00/messages', 'WD_ERR_UNKNOWN_CONVERSATION'],
      ['/demo/demo.js%00', 'WD_ERR_NOT_FOUND'],
      ['/compliance/console.js%00', 'WD_ERR_NOT_FOUND'],
    ];
    for (const [url, code] of paths) {
      const r = await t.app.inject({ url, headers: bearer(token) });
      expect([r.statusCode, r.json().code], url).toEqual([404, code]);
    }
    // %ED%A0%80 (a surrogate in CESU-8) is not UTF-8: the decoder does not yield a lone surrogate
    const cesu = await t.app.inject({ url: '/api/v1/conversations?q=%ED%A0%80', headers: bearer(token) });
    expect(cesu.statusCode).toBeLessThan(500);
  });
});

describe('socket.io', () => {
  let s: Socket;
  beforeAll(async () => {
    s = ioClient(`${t.url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
  });
  afterAll(() => {
    s?.disconnect();
  });

  it('the ack refuses NUL and unpaired surrogates with WD_ERR_BAD_TEXT and zero-width-only text with WD_ERR_MESSAGE_EMPTY; no turn starts', async () => {
    const before = await counts();
    const started: unknown[] = [];
    s.on('turn:start', (e) => started.push(e));
    for (const text of [NUL, LONE_HIGH, LONE_LOW]) {
      const ack = await s.timeout(5000).emitWithAck('message', { text });
      expect(ack).toMatchObject({ ok: false, error: { code: 'WD_ERR_BAD_TEXT', message: expect.stringMatching(/^text: contains a/) } });
    }
    expect(await s.timeout(5000).emitWithAck('message', { text: ZERO_WIDTH })).toMatchObject({ ok: false, error: { code: 'WD_ERR_MESSAGE_EMPTY' } });
    expect(started).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});

describe('CLI: wealthdesk ask', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wd-badchars-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ask = (args: string[]) =>
    new Promise<{ code: number; json: any }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'ask', ...args, '--as', 'client:C0001', '--json'],
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, LOG_LEVEL: 'silent' }, timeout: 120_000 },
        (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, json: JSON.parse(stdout) }),
      );
    });

  it('--file lines with a NUL, an unpaired surrogate or only zero-width characters: error JSON, exit 1', async () => {
    const cases: [string, string][] = [
      [NUL, 'WD_ERR_BAD_TEXT'],
      [LONE_HIGH, 'WD_ERR_BAD_TEXT'],
      [ZERO_WIDTH, 'WD_ERR_MESSAGE_EMPTY'],
    ];
    for (const [i, [text, code]] of cases.entries()) {
      const f = join(dir, `q${i}.jsonl`);
      writeFileSync(f, `${JSON.stringify({ id: 'q', text })}\n`); // JSON.stringify writes \u0000 and \ud800 as escapes
      const r = await ask(['--file', f]);
      expect(r, JSON.stringify(text)).toEqual({ code: 1, json: { error: { code, message: expect.any(String) } } });
    }
  });

  it('a zero-width-only question on the command line: WD_ERR_MESSAGE_EMPTY, exit 1', async () => {
    expect(await ask([ZERO_WIDTH])).toEqual({ code: 1, json: { error: { code: 'WD_ERR_MESSAGE_EMPTY', message: expect.any(String) } } });
  });
});

describe('no message gets a 5xx', () => {
  it('any string (unpaired surrogates, controls, invisible characters, CJK, emoji) is answered or refused with a 4xx', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', '\u200b', '\ufeff', '\u202e', '我', '的', '组', '合', ' ', 'a', '1', '😀', '\n'), maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (message) => {
        const r = await post(JSON.stringify({ message }));
        expect(r.statusCode, JSON.stringify(message)).toBeLessThan(500);
      }),
      { numRuns: 80, seed: 9 },
    );
  });
});
