import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { listMessages, listTurns } from '../db/repos/conversations.js';
import { DEFAULT_AS_OF, seedDemoData } from '../db/seed/seed.js';
import { openTestPglite } from '../db/testing.js';
import type { GetPortfolioResult } from '../tools/contract.js';
import { executeTool } from '../tools/registry.js';
import { createAgentService } from './agent-service.js';
import type { TurnEvent } from './types.js';

interface Fixture {
  responses: unknown[][];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/openai-portfolio-turn.json', import.meta.url), 'utf8')) as Fixture;

/** A scripted Chat Completions server: answers the n-th request with the n-th response, as SSE. */
function scriptedServer(mode: { fail: boolean }) {
  const requests: { path: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push({ path: req.url ?? '', body });
      if (mode.fail) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error' } }));
        return;
      }
      const n = requests.filter((r) => !r.path.includes('fail')).length - 1;
      const chunks = fixture.responses[n % fixture.responses.length];
      const msgs = body.messages as { role: string; content: string }[];
      const tool = msgs.find((m) => m.role === 'tool');
      const total = tool ? (JSON.parse(tool.content) as GetPortfolioResult).totalValue : '';
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      for (const c of chunks) {
        const full = { id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: 'scripted', ...(c as object) };
        res.write(`data: ${JSON.stringify(full).replace('{{totalValue}}', total)}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    });
  });
  return { server, requests };
}

describe('OpenAI-compatible provider against a local Chat Completions SSE server', () => {
  let db: Db;
  let server: Server;
  let requests: { path: string; body: Record<string, unknown> }[];
  const mode = { fail: false };
  let baseURL: string;

  beforeAll(async () => {
    db = await openTestPglite();
    await seedDemoData(db, { clients: 6 });
    ({ server, requests } = scriptedServer(mode));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await db?.close();
  });

  it('assembles tool-call deltas, runs the tool with those arguments and streams the final answer', async () => {
    const config = loadConfig({ LLM_PROVIDER: 'openai', LLM_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'scripted-model' });
    const svc = createAgentService({ db, config });
    const events: TurnEvent[] = [];
    const r = await svc.runTurn({ principal: { role: 'client', clientId: 'C0001' }, text: 'what is my portfolio worth in dollars?', asOf: DEFAULT_AS_OF }, (e) =>
      events.push(e),
    );
    const direct = await executeTool('get_portfolio', { currency: 'USD' }, {
      principal: { role: 'client', clientId: 'C0001' },
      db,
      lang: 'en',
      asOf: DEFAULT_AS_OF,
      state: {},
    });
    if (!direct.ok) throw new Error('direct call failed');
    const total = (direct.result as GetPortfolioResult).totalValue;
    expect(r.toolCalls).toHaveLength(1);
    expect(r.toolCalls[0]).toMatchObject({ name: 'get_portfolio', args: { currency: 'USD' }, ok: true });
    expect((r.toolCalls[0].result as GetPortfolioResult).totalValue).toBe(total);
    expect(r.answer).toBe(`Your portfolio is worth ${total} USD.`);
    expect(r.model).toBe('scripted-model');
    // The output guard releases whole units: this one-sentence answer is complete only when
    // the model is, so it arrives with `done`; whatever streamed before is a prefix of it.
    const tokens = events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text);
    expect(r.answer.startsWith(tokens.join(''))).toBe(true);
    expect(events.filter((e) => e.type !== 'token').map((e) => e.type)).toEqual(['start', 'tool_call', 'activity', 'tool_result', 'done']);
    expect(events.filter((e) => e.type === 'tool_call' || e.type === 'tool_result').map((e) => (e as { id: string }).id)).toEqual(['call_abc123', 'call_abc123']);
    // wire: streaming requested, tools offered, system prompt first, the tool result sent back
    expect(requests).toHaveLength(2);
    expect(requests[0].path).toBe('/v1/chat/completions');
    expect(requests[0].body).toMatchObject({ model: 'scripted-model', stream: true });
    expect((requests[0].body.tools as { function: { name: string } }[]).map((t) => t.function.name)).toContain('get_portfolio');
    const second = requests[1].body.messages as { role: string; tool_call_id?: string }[];
    expect(second[0].role).toBe('system');
    expect(second.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_abc123' });
    // history stored in the shape a next turn replays
    const msgs = await listMessages(db, r.conversationId);
    expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(msgs[1].toolCalls).toEqual([{ id: 'call_abc123', name: 'get_portfolio', args: { currency: 'USD' } }]);
  });

  it('a provider failure (no fallback configured) keeps the conversation and stores the turn with status error', async () => {
    mode.fail = true;
    try {
      const config = loadConfig({ LLM_PROVIDER: 'openai', LLM_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'scripted-model', LLM_FALLBACK: 'false', LLM_MAX_RETRIES: '0' });
      const svc = createAgentService({ db, config });
      const r = await svc.runTurn({ principal: { role: 'client', clientId: 'C0001' }, text: 'how did I do this year?' });
      expect(r.answer).toMatch(/^Sorry, I could not complete that request/);
      expect(r.flags).toContain('turn_error');
      const turns = await listTurns(db, r.conversationId);
      expect(turns).toHaveLength(1);
      expect(turns[0].status).toBe('error');
      expect(turns[0].error).toMatchObject({ code: expect.stringMatching(/^WD_ERR_/) });
      expect((turns[0].error as { message: string }).message).toMatch(/500|exploded/);
      const msgs = await listMessages(db, r.conversationId);
      expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant']);
    } finally {
      mode.fail = false;
    }
  });
});
