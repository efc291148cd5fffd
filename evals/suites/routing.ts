/**
 * Routing eval: the offline planner (one model call, tools bound from the registry for
 * the line's role) on `evals/data/routing.jsonl`. Prints tool-routing accuracy and
 * argument accuracy per language, and every miss. Lines whose expected tool is not in
 * the registry yet are skipped and counted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HumanMessage, type AIMessage } from '@langchain/core/messages';
import type { BindToolsInput } from '@langchain/core/language_models/chat_models';
import { parsePrincipal } from '../../src/auth/principal.js';
import { OfflinePlannerModel } from '../../src/agents/offline-planner/model.js';
import { TOOLS, toolsFor } from '../../src/tools/registry.js';
import type { SuiteReport } from '../run.js';

export const name = 'routing';
export const description = 'offline planner: tool routing and argument accuracy per language';

interface Line {
  id: string;
  lang: 'zh' | 'en';
  as: string;
  text: string;
  expect: { tool: string | null; args?: Record<string, unknown> };
}

const here = dirname(fileURLToPath(import.meta.url));

/** Every expected argument equals the produced one (order-insensitive for arrays of periods). */
function argsMatch(want: Record<string, unknown>, got: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => {
    const g = got[k];
    if (Array.isArray(v) && Array.isArray(g)) return v.length === g.length && v.every((x) => g.includes(x));
    if (typeof v === 'number' && typeof g === 'number') return Math.abs(v - g) < 1e-9;
    return JSON.stringify(v) === JSON.stringify(g);
  });
}

export async function run(): Promise<SuiteReport> {
  const lines = readFileSync(join(here, '../data/routing.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
  const known = new Set(TOOLS.map((t) => t.name));
  const stats = { zh: { n: 0, ok: 0, argN: 0, argOk: 0 }, en: { n: 0, ok: 0, argN: 0, argOk: 0 } };
  const misses: string[] = [];
  let skipped = 0;
  for (const l of lines) {
    if (l.expect.tool && !known.has(l.expect.tool)) {
      skipped++;
      continue;
    }
    const p = parsePrincipal(l.as);
    if (!p) throw new Error(`${l.id}: bad "as" ${l.as}`);
    const tools = toolsFor(p.role).map((t) => ({ name: t.name, description: t.description, schema: t.schema })) as unknown as BindToolsInput[];
    const model = new OfflinePlannerModel({ role: p.role }).bindTools(tools);
    const msg = (await model.invoke([new HumanMessage(l.text)])) as AIMessage;
    const call = msg.tool_calls?.[0];
    const got = call?.name ?? null;
    const s = stats[l.lang];
    s.n++;
    const routed = got === l.expect.tool;
    if (routed) s.ok++;
    let argsOk = true;
    if (routed && l.expect.args) {
      s.argN++;
      argsOk = argsMatch(l.expect.args, (call?.args ?? {}) as Record<string, unknown>);
      if (argsOk) s.argOk++;
    }
    if (!routed || !argsOk) {
      misses.push(`  ${l.id} [${l.lang}] ${l.text}\n      want ${l.expect.tool} ${JSON.stringify(l.expect.args ?? {})}  got ${got} ${JSON.stringify(call?.args ?? {})}`);
    }
  }
  const f = (x: number, n: number) => (n ? `${((100 * x) / n).toFixed(1)}% (${x}/${n})` : 'n/a');
  const out: string[] = [
    `lang  routing            arguments`,
    `zh    ${f(stats.zh.ok, stats.zh.n).padEnd(19)}${f(stats.zh.argOk, stats.zh.argN)}`,
    `en    ${f(stats.en.ok, stats.en.n).padEnd(19)}${f(stats.en.argOk, stats.en.argN)}`,
    `skipped (tool not in registry yet): ${skipped}`,
    `misses (${misses.length}):`,
    ...misses,
  ];
  return {
    lines: out,
    scores: {
      'routing.zh': stats.zh.n ? stats.zh.ok / stats.zh.n : 0,
      'routing.en': stats.en.n ? stats.en.ok / stats.en.n : 0,
      'args.zh': stats.zh.argN ? stats.zh.argOk / stats.zh.argN : 0,
      'args.en': stats.en.argN ? stats.en.argOk / stats.en.argN : 0,
    },
  };
}
