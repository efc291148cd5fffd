/**
 * Agent-turn overhead with the offline planner, in process: the planner alone (one
 * model call: intent + slots + tool call), createAgent assembly, and the full `runTurn`
 * (conversation, history, agent with tools on seeded PGlite, storing the turn).
 * Prints p50/p99 latency and turns per second, and the CPU per turn of the process.
 */
import { HumanMessage } from '@langchain/core/messages';
import type { BindToolsInput } from '@langchain/core/language_models/chat_models';
import { createAgentService } from '../src/agents/agent-service.js';
import { buildAgent } from '../src/agents/build-agent.js';
import { OfflinePlannerModel } from '../src/agents/offline-planner/model.js';
import { loadConfig } from '../src/config.js';
import { DEFAULT_AS_OF, seedDemoData } from '../src/db/seed/seed.js';
import { openTestPglite } from '../src/db/testing.js';
import { toolsFor } from '../src/tools/registry.js';
import { TOOL_QUESTIONS } from './questions.js';

const QUESTIONS = [
  ...TOOL_QUESTIONS,
  '你好',
  'buy 100 shares of AAPL',
  '帮我看看最大回撤',
];

function stats(label: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const total = ms.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${label.padEnd(34)} n=${String(ms.length).padEnd(5)} p50=${q(0.5).toFixed(3)} ms  p99=${q(0.99).toFixed(3)} ms  ${((1000 * ms.length) / total).toFixed(0)} turns/s\n`,
  );
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const tools = toolsFor('client').map((t) => ({ name: t.name, description: t.description, schema: t.schema })) as unknown as BindToolsInput[];
const planner = new OfflinePlannerModel({ role: 'client' }).bindTools(tools);
for (let i = 0; i < 50; i++) await planner.invoke([new HumanMessage(QUESTIONS[i % QUESTIONS.length])]);
const decide: number[] = [];
for (let i = 0; i < 2000; i++) {
  const msgs = [new HumanMessage(QUESTIONS[i % QUESTIONS.length])];
  const t0 = performance.now();
  planner.decide(msgs);
  decide.push(performance.now() - t0);
}
stats('planner decide() (pure)', decide);
const invoke: number[] = [];
for (let i = 0; i < 1000; i++) invoke.push(await time(() => planner.invoke([new HumanMessage(QUESTIONS[i % QUESTIONS.length])])));
stats('planner invoke() (LangChain)', invoke);

const db = await openTestPglite();
process.stderr.write('seeding 20 clients…\n');
await seedDemoData(db, { clients: 20 });
const ctx = Object.freeze({ principal: { role: 'client', clientId: 'C0001' } as const, db, lang: 'zh' as const, asOf: DEFAULT_AS_OF, state: {} });
const build: number[] = [];
for (let i = 0; i < 200; i++) build.push(await time(async () => buildAgent(new OfflinePlannerModel({}), ctx, undefined)));
stats('createAgent assembly', build);

const noTool = buildAgent(new OfflinePlannerModel({}), ctx, undefined);
const graph: number[] = [];
for (let i = 0; i < 300; i++) graph.push(await time(() => noTool.invoke({ messages: [new HumanMessage('你好')] })));
stats('agent.invoke, no tool (graph only)', graph);

const svc = createAgentService({ db, config: loadConfig({}) });
for (let i = 0; i < 16; i++) await svc.runTurn({ principal: { role: 'client', clientId: 'C0001' }, text: QUESTIONS[i % QUESTIONS.length], asOf: DEFAULT_AS_OF });
const byKind: Record<string, number[]> = { all: [], 'no tool': [], 'with tool': [] };
const toolMs: number[] = [];
const overheadWithTool: number[] = [];
for (let i = 0; i < 160; i++) {
  const t0 = performance.now();
  const r = await svc.runTurn({ principal: { role: 'client', clientId: `C000${1 + (i % 5)}` }, text: QUESTIONS[i % QUESTIONS.length], asOf: DEFAULT_AS_OF });
  const ms = performance.now() - t0;
  byKind.all.push(ms);
  byKind[r.toolCalls.length ? 'with tool' : 'no tool'].push(ms);
  if (r.toolCalls.length) {
    const tool = r.toolCalls.reduce((a, t) => a + t.ms, 0);
    toolMs.push(tool);
    overheadWithTool.push(ms - tool);
  }
}
stats('runTurn, all questions', byKind.all);
stats('runTurn, no tool (overhead)', byKind['no tool']);
stats('runTurn, with a tool', byKind['with tool']);
stats('  of which tool execution', toolMs);
stats('  overhead (turn − tool execution)', overheadWithTool);

// Streaming costs: the same turns with and without a listener, interleaved. With one, the
// agent streams in the 'messages' mode (a callback per planner token) and the answer goes
// through the streaming output guard; without, only 'updates' run and the guard checks once.
const quiet: number[] = [];
const streamed: number[] = [];
const firstToken: number[] = [];
const firstToDone: number[] = [];
const cpu = { quiet: 0, streamed: 0 };
for (let i = 0; i < 160; i++) {
  const c0 = process.cpuUsage();
  const req = { principal: { role: 'client', clientId: `C000${1 + (i % 5)}` } as const, text: QUESTIONS[(i >> 1) % QUESTIONS.length], asOf: DEFAULT_AS_OF };
  const t0 = performance.now();
  if (i % 2 === 0) {
    await svc.runTurn(req);
    quiet.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.quiet += (c.user + c.system) / 1000;
    continue;
  }
  let first = -1;
  await svc.runTurn(req, (e) => {
    if (e.type === 'token' && first < 0) first = performance.now();
  });
  const end = performance.now();
  const c = process.cpuUsage(c0);
  cpu.streamed += (c.user + c.system) / 1000;
  streamed.push(end - t0);
  if (first >= 0) {
    firstToken.push(first - t0);
    firstToDone.push(end - first);
  }
}
stats('runTurn, no listener (JSON, CLI)', quiet);
stats('runTurn, streamed (SSE, socket.io)', streamed);
stats('  start → first token', firstToken);
stats('  first token → done', firstToDone);
// CPU of this process (the turn, its tools and the embedded store alike), less sensitive than latency to other work on the machine.
process.stdout.write(`CPU per turn (process, incl. PGlite): no listener ${(cpu.quiet / quiet.length).toFixed(1)} ms, streamed ${(cpu.streamed / streamed.length).toFixed(1)} ms\n`);
await db.close();
