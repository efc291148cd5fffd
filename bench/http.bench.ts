/**
 * HTTP chat-turn latency over a real loopback port: the whole server (Fastify, auth,
 * validation, the agent with the offline planner, tools, store writes) on seeded
 * in-memory PGlite. Prints p50/p99/mean latency and turns per second, sequentially and
 * with 8 concurrent clients. Bounded: a fixed number of turns per phase.
 *
 *   npm run bench http          (or: npx tsx bench/http.bench.ts [turns])
 */
import { loadConfig } from '../src/config.js';
import { signToken } from '../src/auth/tokens.js';
import { openTestPglite } from '../src/db/testing.js';
import { createGuards } from '../src/compliance/guards/index.js';
import { createAgentService } from '../src/agents/agent-service.js';
import { startServer } from '../src/server/start.js';
import { TOOL_QUESTIONS } from './questions.js';

const TURNS = Number(process.argv[2] ?? 200);
const CONCURRENCY = 8;
const QUESTIONS = TOOL_QUESTIONS;

function pct(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'true' });
  const t0 = performance.now();
  const db = await openTestPglite();
  const agent = createAgentService({ db, config, guards: createGuards({ db }) });
  const server = await startServer({
    config, db, agent, port: 0, host: '127.0.0.1',
    app: { rateLimit: { max: 1_000_000, windowMs: 60_000 } },
  });
  await server.ready; // the demo data is seeded after listen
  process.stdout.write(`setup (migrate + seed + listen): ${Math.round(performance.now() - t0)} ms\n`);
  const tokens = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => signToken({ role: 'client', clientId: `C${String(i + 1).padStart(4, '0')}` }, { secret: config.AUTH_SECRET })),
  );
  let failures = 0;
  const turn = async (worker: number, n: number): Promise<number> => {
    const s = performance.now();
    const r = await fetch(`${server.url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[worker]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: QUESTIONS[n % QUESTIONS.length] }),
    });
    const body = (await r.json()) as { answer?: string };
    if (!r.ok || !body.answer) failures++;
    return performance.now() - s;
  };
  // The same turn without HTTP: the difference to `sequential` is the server's own cost.
  const inProcess = async (worker: number, n: number): Promise<number> => {
    const s = performance.now();
    await agent.runTurn({ principal: { role: 'client', clientId: `C${String(worker + 1).padStart(4, '0')}` }, text: QUESTIONS[n % QUESTIONS.length] });
    return performance.now() - s;
  };
  const phase = async (label: string, concurrency: number, turns: number, run = turn) => {
    const lat: number[] = [];
    let next = 0;
    const s = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        while (next < turns) lat.push(await run(w, next++));
      }),
    );
    const wall = (performance.now() - s) / 1000;
    lat.sort((a, b) => a - b);
    const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
    process.stdout.write(
      `${label.padEnd(16)} turns=${lat.length}  p50=${pct(lat, 50).toFixed(1)} ms  p99=${pct(lat, 99).toFixed(1)} ms  mean=${mean.toFixed(1)} ms  ${(lat.length / wall).toFixed(1)} turns/s\n`,
    );
  };
  try {
    await phase('warm-up', 1, 20);
    await phase('in-process', 1, TURNS, inProcess);
    await phase('sequential', 1, TURNS);
    await phase(`concurrency ${CONCURRENCY}`, CONCURRENCY, TURNS);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { model: string; store: string };
    process.stdout.write(`failed turns: ${failures}; model: ${health.model}; store: ${health.store}\n`);
  } finally {
    await server.close();
  }
  if (failures > 0) process.exitCode = 1;
}

await main();
