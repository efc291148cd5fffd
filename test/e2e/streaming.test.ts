/**
 * Real streaming, measured with real clients on a real port: the server writes each
 * event when it happens, so over SSE (a raw `node:http` request, frames timed as the TCP
 * chunks arrive) and over socket.io (a `socket.io-client` on the websocket transport)
 *
 * - a tool's `activity` comes before its `tool_result`, under the tool-call id;
 * - the first answer `token` arrives well before `done` — even before the model has
 *   finished writing — with the streaming output guard in the path: a sentence with a
 *   figure the tool results do not support never leaves, its withheld note does.
 *
 * The model is an OpenAI-compatible Chat Completions server on 127.0.0.1 that streams its
 * answer in deltas DELTA_MS apart (as a hosted model does); a second app runs the offline
 * planner, whose answer is timed the same way. The measured times are printed.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentService } from '../../src/agents/agent-service.js';
import { createGuards } from '../../src/compliance/guards/index.js';
import { WITHHELD } from '../../src/compliance/guards/render.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { openTestPglite } from '../../src/db/testing.js';
import { buildApp } from '../../src/server/app.js';
import { findTool } from '../../src/tools/registry.js';

const DELTA_MS = 40;
type Any = any; // JSON off the wire

/** A Chat Completions server: first a get_portfolio tool call, then a four-sentence answer streamed slowly. */
function slowModel() {
  const log = { lastDeltaAt: 0 };
  const frame = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'slow', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', async () => {
      const msgs = (JSON.parse(raw) as { messages: { role: string; content: string }[] }).messages;
      const tool = msgs.find((m) => m.role === 'tool');
      res.socket?.setNoDelay(true);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (!tool) {
        res.write(frame({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_pf_1', type: 'function', function: { name: 'get_portfolio', arguments: '{}' } }] }));
        res.end(`${frame({}, 'tool_calls')}data: [DONE]\n\n`);
        return;
      }
      const r = JSON.parse(tool.content) as { totalValue: string; currency: string };
      const deltas = ['Your portfolio ', 'is worth ', `${r.totalValue} ${r.currency}.`, ' Last week it ', 'gained 987,654.32 CNY.', ' The figures ', 'come from your ', 'holdings.', ' Ask me about ', 'risk next.'];
      for (const [i, content] of deltas.entries()) {
        res.write(frame(i === 0 ? { role: 'assistant', content } : { content }));
        log.lastDeltaAt = performance.now();
        await new Promise((s) => setTimeout(s, DELTA_MS));
      }
      res.end(`${frame({}, 'stop')}data: [DONE]\n\n`);
    });
  });
  return { server, log };
}

interface Timed {
  at: number;
  event: string;
  data: Any;
}

/** POSTs a chat turn with Accept: text/event-stream over a plain node:http request; every frame timed when its bytes arrive. */
function sseTurn(url: string, token: string, body: object): Promise<{ frames: Timed[]; reads: number[]; t0: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const frames: Timed[] = [];
    const reads: number[] = [];
    let buf = '';
    const req = request(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    });
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        reads.push(at);
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i !== -1; i = buf.indexOf('\n\n')) {
          const f = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!f.startsWith('event: ')) continue; // comments: stream open, heartbeats
          const [e, d] = f.split('\n');
          frames.push({ at, event: e.slice(7), data: JSON.parse(d.slice(6)) });
        }
      });
      res.on('end', () => resolve({ frames, reads, t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** One turn over socket.io; every event timed on arrival. */
async function socketTurn(url: string, token: string, text: string): Promise<{ frames: Timed[]; t0: number }> {
  const s: Socket = ioClient(`${url}/chat`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const frames: Timed[] = [];
    const finished = new Promise<void>((resolve) =>
      s.onAny((event: string, data: Any) => {
        frames.push({ at: performance.now(), event, data });
        if (event === 'done' || event === 'error') resolve();
      }),
    );
    const t0 = performance.now();
    const ack = await s.timeout(5000).emitWithAck('message', { text });
    expect(ack.ok).toBe(true);
    await finished;
    return { frames, t0 };
  } finally {
    s.disconnect();
  }
}

/** The order of event kinds, runs of tokens collapsed. */
const kinds = (frames: Timed[]) => frames.map((f) => f.event).filter((e, i, a) => e !== 'token' || a[i - 1] !== 'token');
const first = (frames: Timed[], event: string) => frames.find((f) => f.event === event)!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

describe('tokens and tool activity leave as they happen (SSE and socket.io, real clients)', () => {
  let db: Db;
  let model: Server;
  let modelLog: { lastDeltaAt: number };
  const apps: FastifyInstance[] = [];
  let llmUrl: string;
  let offlineUrl: string;

  const listen = async (config: ReturnType<typeof loadConfig>) => {
    const app = await buildApp({ db, config, agent: createAgentService({ db, config, guards: createGuards({ db }) }) });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };
  const tokenFor = async (url: string, as: string) =>
    ((await (await fetch(`${url}/api/v1/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as }) })).json()) as { token: string }).token;

  beforeAll(async () => {
    db = await openTestPglite();
    await seedDemoData(db, { clients: 6 });
    ({ server: model, log: modelLog } = slowModel());
    await new Promise<void>((r) => model.listen(0, '127.0.0.1', r));
    const base = { NODE_ENV: 'test', LOG_LEVEL: 'silent', REVIEW_SAMPLE_RATE: '0' };
    llmUrl = await listen(
      loadConfig({ ...base, LLM_PROVIDER: 'openai', LLM_BASE_URL: `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'slow' }),
    );
    offlineUrl = await listen(loadConfig(base));
  }, 120_000);
  afterAll(async () => {
    for (const a of apps) await a.close();
    await new Promise((r) => model?.close(r));
    await db?.close();
  });

  /** The assertions both transports share, for the slow model's turn. */
  function checkSlowTurn(frames: Timed[], label: string) {
    expect(kinds(frames)).toEqual(['start', 'tool_call', 'activity', 'tool_result', 'token', 'done']);
    const [call, activity, result] = ['tool_call', 'activity', 'tool_result'].map((e) => first(frames, e));
    expect([call.data.id, activity.data.id, result.data.id]).toEqual(['call_pf_1', 'call_pf_1', 'call_pf_1']);
    expect(activity.data).toMatchObject({ tool: 'get_portfolio', text: findTool('get_portfolio')!.activity.en });
    expect(activity.at).toBeLessThanOrEqual(result.at);
    const tokens = frames.filter((f) => f.event === 'token');
    const done = first(frames, 'done');
    const answer: string = (done.data.result ?? done.data).answer;
    const streamed = tokens.map((f) => f.data.text).join('');
    // guarded while streaming: the invented figure never left, its withheld note did; the rest is the final answer's beginning
    expect(streamed).not.toContain('987,654.32');
    expect(streamed).toContain(WITHHELD.en);
    expect(answer.startsWith(streamed)).toBe(true);
    expect(answer).not.toContain('987,654.32');
    // timing: the first sentence was on the client while the model was still writing, well before done
    const gap = done.at - tokens[0].at;
    expect(tokens[0].at).toBeLessThan(modelLog.lastDeltaAt);
    expect(gap).toBeGreaterThan(4 * DELTA_MS);
    expect(new Set(tokens.map((f) => Math.round(f.at))).size).toBeGreaterThanOrEqual(3); // three sentences, three moments
    process.stderr.write(
      `[${label}] activity → tool_result ${ms(result.at - activity.at)}; first token ${ms(tokens[0].at - frames[0].at)} after start, ${ms(gap)} before done; model's last delta ${ms(done.at - modelLog.lastDeltaAt)} before done\n`,
    );
  }

  it('SSE: a hosted model streaming slowly — the guarded sentences reach a raw HTTP client one by one', async () => {
    const token = await tokenFor(llmUrl, 'client:C0001');
    const { frames, reads } = await sseTurn(llmUrl, token, { message: 'what is my portfolio worth?' });
    checkSlowTurn(frames, 'SSE, slow model');
    // the bytes came in separate reads spread over the model's writing, not one burst at the end
    const tokenReads = reads.filter((at) => at >= first(frames, 'token').at && at < first(frames, 'done').at);
    expect(tokenReads.length).toBeGreaterThanOrEqual(2);
  });

  it('socket.io: the same turn, event by event', async () => {
    const token = await tokenFor(llmUrl, 'client:C0002');
    const { frames } = await socketTurn(llmUrl, token, 'what is my portfolio worth?');
    checkSlowTurn(frames.map((f) => (f.event === 'turn:start' ? { ...f, event: 'start' } : f)), 'socket.io, slow model');
  });

  it('the offline planner: activity (正在查询持仓…) before the result, tokens before done, over SSE and socket.io', async () => {
    for (const transport of ['SSE', 'socket.io'] as const) {
      const token = await tokenFor(offlineUrl, 'client:C0003');
      const { frames } =
        transport === 'SSE'
          ? await sseTurn(offlineUrl, token, { message: '我的组合现在值多少钱？' })
          : await socketTurn(offlineUrl, token, '我的组合现在值多少钱？').then((r) => ({ ...r, frames: r.frames.map((f) => (f.event === 'turn:start' ? { ...f, event: 'start' } : f)) }));
      expect(kinds(frames)).toEqual(['start', 'tool_call', 'activity', 'tool_result', 'token', 'done']);
      const activity = first(frames, 'activity');
      expect(activity.data.text).toBe(findTool('get_portfolio')!.activity.zh);
      expect(activity.data.text).toBe('正在查询持仓…');
      const tokens = frames.filter((f) => f.event === 'token');
      const done = first(frames, 'done');
      expect(tokens.length).toBeGreaterThan(1);
      expect((done.data.result ?? done.data).answer.startsWith(tokens.map((f) => f.data.text).join(''))).toBe(true);
      // the status line was on the client while the tool ran; the answer left before the turn was stored and audited
      expect(first(frames, 'tool_result').at).toBeGreaterThan(activity.at);
      const gap = done.at - tokens[0].at;
      expect(gap).toBeGreaterThan(2);
      process.stderr.write(
        `[${transport}, offline planner] start → activity ${ms(activity.at - frames[0].at)}; tool ${ms(first(frames, 'tool_result').at - activity.at)}; first token ${ms(tokens[0].at - frames[0].at)} after start, ${ms(gap)} before done (${tokens.length} token events)\n`,
      );
    }
  });
});
