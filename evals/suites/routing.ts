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
import { catalogProducts } from '../../src/agents/offline-planner/products.js';
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
  /** Absent: the original issue-2 set; 'construction' / 'products': issue-3/4 lines. */
  set?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Deep equality where expected object keys must match and extra produced keys are allowed. */
function valueMatch(v: unknown, g: unknown): boolean {
  if (typeof v === 'number' && typeof g === 'number') return Math.abs(v - g) < 1e-9;
  if (Array.isArray(v) && Array.isArray(g)) {
    if (v.length !== g.length) return false;
    if (v.every((x) => typeof x !== 'object')) return v.every((x) => g.includes(x)); // periods: any order
    return v.every((x, i) => valueMatch(x, g[i]));
  }
  if (v && typeof v === 'object' && g && typeof g === 'object') return argsMatch(v as Record<string, unknown>, g as Record<string, unknown>);
  return JSON.stringify(v) === JSON.stringify(g);
}

/** Every expected argument equals the produced one (order-insensitive for arrays of periods). */
function argsMatch(want: Record<string, unknown>, got: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => valueMatch(v, got[k]));
}

type Stat = { n: number; ok: number; argN: number; argOk: number };
const blank = (): Stat => ({ n: 0, ok: 0, argN: 0, argOk: 0 });

export async function run(): Promise<SuiteReport> {
  const lines = readFileSync(join(here, '../data/routing.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
  const known = new Set(TOOLS.map((t) => t.name));
  // Per set (original issue-2 lines vs the issue-3/4 lines) and language.
  const stats: Record<string, Record<'zh' | 'en', Stat>> = {};
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
    const model = new OfflinePlannerModel({ role: p.role, products: catalogProducts() }).bindTools(tools);
    const msg = (await model.invoke([new HumanMessage(l.text)])) as AIMessage;
    // A turn may call several tools (a product question: get_product and search_documents);
    // it is routed when the expected tool is among them (no call at all for `null`).
    const calls = msg.tool_calls ?? [];
    const call = calls.find((c) => c.name === l.expect.tool) ?? calls[0];
    const got = call?.name ?? null;
    const set = l.set ?? 'original';
    stats[set] ??= { zh: blank(), en: blank() };
    const s = stats[set][l.lang];
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
      const gotAll = calls.map((c) => `${c.name} ${JSON.stringify(c.args)}`).join(' + ') || 'null';
      misses.push(`  ${l.id} [${l.lang}] ${l.text}\n      want ${l.expect.tool} ${JSON.stringify(l.expect.args ?? {})}  got ${gotAll}`);
    }
  }
  const f = (x: number, n: number) => (n ? `${((100 * x) / n).toFixed(1)}% (${x}/${n})` : 'n/a');
  const out: string[] = [`set           lang  routing            arguments`];
  const scores: Record<string, number> = {};
  const all: Record<'zh' | 'en', Stat> = { zh: blank(), en: blank() };
  for (const [set, byLang] of Object.entries(stats)) {
    for (const lang of ['zh', 'en'] as const) {
      const s = byLang[lang];
      out.push(`${set.padEnd(14)}${lang.padEnd(6)}${f(s.ok, s.n).padEnd(19)}${f(s.argOk, s.argN)}`);
      const key = set === 'original' ? '' : `${set}.`;
      scores[`${key}routing.${lang}`] = s.n ? s.ok / s.n : 0;
      scores[`${key}args.${lang}`] = s.argN ? s.argOk / s.argN : 0;
      for (const k of ['n', 'ok', 'argN', 'argOk'] as const) all[lang][k] += s[k];
    }
  }
  for (const lang of ['zh', 'en'] as const) out.push(`${'all'.padEnd(14)}${lang.padEnd(6)}${f(all[lang].ok, all[lang].n).padEnd(19)}${f(all[lang].argOk, all[lang].argN)}`);
  out.push(`skipped (tool not in registry yet): ${skipped}`, `misses (${misses.length}):`, ...misses);
  return { lines: out, scores };
}