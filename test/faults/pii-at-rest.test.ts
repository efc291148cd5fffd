/**
 * PII typed by a client never lands in the store or an API response in the clear: a
 * phone number, a Chinese ID number and an email go through every chat entry point
 * (HTTP JSON, HTTP SSE, socket.io, the CLI's `ask`) with the real turn service; then
 * every text-like column (text, varchar, char, json, jsonb) of every table, found through
 * information_schema, and the responses of the conversation list, each conversation's
 * messages and the compliance queue and timelines are searched for the originals. The
 * originals live only encrypted in the PII vault. Conversation titles are made from the
 * masked text.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { openStore } from '../../src/db/open.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { storeTargets } from '../../src/db/testing.js';
import { bearer, startTarget, tokenFor, type Target } from '../security/harness.js';

const PHONE = '13812345678';
const CN_ID = '11010519491231002X';
const EMAIL = 'zhang.wei@example.com';
/** What must appear nowhere: the originals, and the parts most likely to leak on their own. */
const NEEDLES = [PHONE, CN_ID, CN_ID.slice(0, 17), CN_ID.toLowerCase(), EMAIL, 'zhang.wei@'];

const messages = {
  json: `我的手机号是${PHONE}，身份证${CN_ID}，邮箱${EMAIL}，帮我看看组合现在值多少钱`,
  sse: `${PHONE} is my phone, ${EMAIL} my email, ID ${CN_ID}: what is my allocation by asset class?`,
  socket: `身份证号${CN_ID} 电话${PHONE} 邮件${EMAIL} 我今年收益怎么样？`,
  cli: `${EMAIL} / ${PHONE} / ${CN_ID} — how risky is my portfolio?`,
};

/** Every (table, column) of a text-like type in the current schema. */
async function textColumns(db: Db): Promise<{ table: string; column: string }[]> {
  const r = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema()
        AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
      ORDER BY table_name, column_name`,
  );
  return r.rows.map((x) => ({ table: x.table_name, column: x.column_name }));
}

/** Where any needle occurs in the store: "table.column: needle" for each hit. */
async function scanStore(db: Db): Promise<{ hits: string[]; columns: number; titles: (string | null)[] }> {
  const cols = await textColumns(db);
  const hits: string[] = [];
  for (const { table, column } of cols) {
    for (const needle of NEEDLES) {
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`, [needle]);
      if (r.rows[0].n > 0) hits.push(`${table}.${column}: ${needle}`);
    }
  }
  const titles = (await db.query<{ title: string | null }>('SELECT title FROM conversations ORDER BY created_at')).rows.map((x) => x.title);
  return { hits, columns: cols.length, titles };
}

const leaks = (text: string) => NEEDLES.filter((n) => text.includes(n));

describe.each(storeTargets())('PII at rest and in responses on $name', (target) => {
  let t: Target;
  afterAll(async () => {
    await t?.close();
  });

  it('HTTP JSON, SSE and socket.io turns store and return only masked text; titles are masked', async () => {
    t = await startTarget(target.open, { app: { rateLimit: { max: 1000, windowMs: 60_000 } } });
    await t.listen();
    const token = await tokenFor({ role: 'client', clientId: 'C0001' });
    const responses: string[] = [];

    const json = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: bearer(token), payload: { message: messages.json } });
    expect(json.statusCode).toBe(200);
    responses.push(json.body);
    const sse = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { ...bearer(token), accept: 'text/event-stream' }, payload: { message: messages.sse } });
    expect(sse.body).toContain('event: done');
    responses.push(sse.body);

    const s = ioClient(`${t.url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const seen: unknown[] = [];
      const done = new Promise<void>((resolve, reject) => {
        s.onAny((name: string, payload: unknown) => {
          seen.push([name, payload]);
          if (name === 'done') resolve();
          if (name === 'error') reject(new Error(JSON.stringify(payload)));
        });
      });
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
      expect(await s.timeout(5000).emitWithAck('message', { text: messages.socket })).toMatchObject({ ok: true });
      await done;
      responses.push(JSON.stringify(seen));
    } finally {
      s.disconnect();
    }

    // What the client reads back: the list (with titles) and every conversation's messages.
    const list = await t.app.inject({ url: '/api/v1/conversations', headers: bearer(token) });
    responses.push(list.body);
    const convs = list.json().conversations as { id: string; title: string | null }[];
    expect(convs).toHaveLength(3);
    for (const c of convs) {
      expect(c.title).toMatch(/\[(PHONE|ID_CARD|EMAIL)_1\]/); // built from the masked text
      responses.push((await t.app.inject({ url: `/api/v1/conversations/${c.id}/messages`, headers: bearer(token) })).body);
    }
    // What a compliance officer reads without an audited unmask.
    const officer = await tokenFor({ role: 'compliance', reviewerId: 'R01' });
    responses.push((await t.app.inject({ url: '/api/v1/compliance/queue', headers: bearer(officer) })).body);
    for (const c of convs) responses.push((await t.app.inject({ url: `/api/v1/compliance/conversations/${c.id}`, headers: bearer(officer) })).body);

    for (const body of responses) expect(leaks(body)).toEqual([]);
    const scan = await scanStore(t.db);
    expect(scan.columns).toBeGreaterThan(20);
    expect(scan.hits).toEqual([]);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pii_vault')).rows[0].n).toBeGreaterThanOrEqual(9); // 3 originals × 3 turns, encrypted
  });
});

describe('PII through the CLI (wealthdesk ask)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wd-pii-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores only masked text and a masked title', async () => {
    const seeding = await openStore({ dataDir: dir });
    await seedDemoData(seeding, { clients: 3 });
    await seeding.close();
    const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'ask', messages.cli, '--as', 'client:C0001', '--json'],
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, LOG_LEVEL: 'silent' }, timeout: 120_000 },
        (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout }),
      );
    });
    expect(out.code).toBe(0);
    expect(leaks(out.stdout)).toEqual([]);
    const db = await openStore({ dataDir: dir });
    try {
      const scan = await scanStore(db);
      expect(scan.hits).toEqual([]);
      expect(scan.titles).toEqual([expect.stringMatching(/^\[EMAIL_1\] \/ \[PHONE_1\] \/ \[ID_CARD_1\]/)]);
    } finally {
      await db.close();
    }
  });
});
