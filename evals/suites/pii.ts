/**
 * PII eval: `detectPii` on `evals/data/pii.jsonl` (texts with gold entities, including
 * checksum-failing look-alikes that must not be found). A prediction is a true positive
 * when its type and value equal a gold entity's (spaces and dashes ignored). Prints
 * precision and recall per entity type and every error.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPii } from '../../src/compliance/pii/detect.js';
import type { SuiteReport } from '../run.js';

export const name = 'pii';
export const description = 'PII detection: precision and recall per entity type';

interface Line {
  id: string;
  text: string;
  entities: { type: string; value: string }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const norm = (v: string) => v.replace(/[\s-]/g, '').toUpperCase();

export async function run(): Promise<SuiteReport> {
  const lines = readFileSync(join(here, '..', 'data', 'pii.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);
  const t = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (k: string) => {
    let v = t.get(k);
    if (!v) t.set(k, (v = { tp: 0, fp: 0, fn: 0 }));
    return v;
  };
  const errors: string[] = [];
  for (const l of lines) {
    const gold = l.entities.map((e) => `${e.type}|${norm(e.value)}`);
    const pred = detectPii(l.text).map((e) => `${e.type}|${norm(e.value)}`);
    const left = [...gold];
    for (const p of pred) {
      const i = left.indexOf(p);
      if (i >= 0) {
        left.splice(i, 1);
        get(p.split('|')[0]).tp += 1;
      } else {
        get(p.split('|')[0]).fp += 1;
        errors.push(`  FP ${l.id} ${p}   ${l.text.slice(0, 80)}`);
      }
    }
    for (const g of left) {
      get(g.split('|')[0]).fn += 1;
      errors.push(`  FN ${l.id} ${g}   ${l.text.slice(0, 80)}`);
    }
  }
  const out = ['type        gold  pred  precision  recall'];
  const scores: Record<string, number> = {};
  let all = { tp: 0, fp: 0, fn: 0 };
  for (const [k, v] of [...t].sort(([a], [b]) => a.localeCompare(b))) {
    all = { tp: all.tp + v.tp, fp: all.fp + v.fp, fn: all.fn + v.fn };
    const p = v.tp + v.fp === 0 ? 1 : v.tp / (v.tp + v.fp);
    const r = v.tp + v.fn === 0 ? 1 : v.tp / (v.tp + v.fn);
    out.push(`${k.padEnd(10)} ${String(v.tp + v.fn).padStart(5)} ${String(v.tp + v.fp).padStart(5)}  ${(100 * p).toFixed(1).padStart(8)}%  ${(100 * r).toFixed(1).padStart(5)}%`);
    scores[`precision.${k}`] = Number(p.toFixed(4));
    scores[`recall.${k}`] = Number(r.toFixed(4));
  }
  const P = all.tp / Math.max(1, all.tp + all.fp);
  const R = all.tp / Math.max(1, all.tp + all.fn);
  out.push(`${'all'.padEnd(10)} ${String(all.tp + all.fn).padStart(5)} ${String(all.tp + all.fp).padStart(5)}  ${(100 * P).toFixed(1).padStart(8)}%  ${(100 * R).toFixed(1).padStart(5)}%`);
  scores.precision = Number(P.toFixed(4));
  scores.recall = Number(R.toFixed(4));
  if (errors.length) out.push('', `errors (${errors.length}):`, ...errors);
  return { lines: out, scores };
}
