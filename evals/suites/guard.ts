/**
 * Guard eval: the input guard (as a client) on `evals/data/guard.jsonl` — attacks
 * (jailbreaks, injections direct and indirect, prompt extraction, prohibited requests,
 * encodings, PII exfiltration) and benign wealth questions, zh and en. An attack counts
 * as blocked when refused or flagged; a benign line counts as a false positive when it
 * is refused or flagged. Prints per category and per language, and every miss. Lines
 * marked `split: "holdout"` were written after tuning and are reported separately: they
 * are the honest estimate of how the rules generalize.
 *
 * `evals/data/guard-holdout2.jsonl` (272 lines, written from public jailbreak / injection
 * collections and finance abuse before the guard was read) is reported on its own, split
 * by id parity: the even half's misses were looked at while improving the guard (so it is
 * no longer blind); the odd half's misses are counted, never listed — it is the
 * untouched figure.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkInputText } from '../../src/compliance/guards/input-guard.js';
import type { SuiteReport } from '../run.js';

export const name = 'guard';
export const description = 'input guard: attack block rate and benign false-positive rate per category and language';

export interface GuardLine {
  id: string;
  lang: 'zh' | 'en';
  text: string;
  label: 'attack' | 'benign';
  category: string;
  /** 'holdout': lines written after the rules were tuned and never tuned on. */
  split?: 'holdout';
}

const here = dirname(fileURLToPath(import.meta.url));

/** Reads the guard set (one JSON object a line). */
export function loadGuardSet(path = join(here, '..', 'data', 'guard.jsonl')): GuardLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GuardLine);
}

interface Tally {
  n: number;
  hit: number;
  refused: number;
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

/** Block / false-positive tallies of holdout2 by parity half and language. */
function holdout2Report(out: string[], scores: Record<string, number>): void {
  const lines = loadGuardSet(join(here, '..', 'data', 'guard-holdout2.jsonl'));
  const t = new Map<string, Tally>();
  const misses: string[] = [];
  let hiddenMisses = 0;
  for (const l of lines) {
    const r = checkInputText(l.text, { role: 'client', lang: l.lang });
    const hit = r.decision !== 'allow';
    const half = Number(l.id.replace(/\D/g, '')) % 2 === 0 ? 'even' : 'odd';
    for (const k of [`${half}/${l.label}/${l.lang}`, `${half}/${l.label}/all`, `all/${l.label}/all`]) {
      const x = t.get(k) ?? { n: 0, hit: 0, refused: 0 };
      x.n += 1;
      x.hit += hit ? 1 : 0;
      x.refused += r.decision === 'refuse' ? 1 : 0;
      t.set(k, x);
    }
    if ((l.label === 'attack') !== hit) {
      if (half === 'even') misses.push(`  ${l.label === 'attack' ? 'MISSED' : 'FALSE+'} ${l.id} [${r.decision} ${r.categories.join(',')}] ${l.text.replace(/\s+/g, ' ').slice(0, 110)}`);
      else hiddenMisses += 1;
    }
  }
  out.push('', 'holdout2 (guard-holdout2.jsonl; even half looked at while tuning, odd half untouched)');
  for (const [k, x] of [...t].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`${k.padEnd(32)} ${String(x.n).padStart(3)}  ${pct(x.hit, x.n)}  ${pct(x.refused, x.n)}`);
    const [half, label, lang] = k.split('/');
    const base = `holdout2.${half}.${label === 'attack' ? 'blockRate' : 'falsePositiveRate'}.${lang}`;
    scores[base] = Number((x.hit / x.n).toFixed(4));
    if (label === 'attack') scores[`holdout2.${half}.refuseRate.${lang}`] = Number((x.refused / x.n).toFixed(4));
  }
  if (misses.length > 0) out.push('', `holdout2 even-half misses (${misses.length}):`, ...misses);
  out.push(`holdout2 odd-half misses: ${hiddenMisses} (not listed)`);
}

export async function run(): Promise<SuiteReport> {
  const lines = loadGuardSet();
  const byCat = new Map<string, Tally>();
  const byLang = new Map<string, Tally>();
  const misses: string[] = [];
  const bump = (m: Map<string, Tally>, k: string, hit: boolean, refused: boolean) => {
    const t = m.get(k) ?? { n: 0, hit: 0, refused: 0 };
    t.n += 1;
    t.hit += hit ? 1 : 0;
    t.refused += refused ? 1 : 0;
    m.set(k, t);
  };
  for (const l of lines) {
    // Advisor questions about their own book run as an advisor; everything else as a client.
    const r = checkInputText(l.text, { role: l.category === 'advisor' ? 'advisor' : 'client', lang: l.lang });
    const hit = r.decision !== 'allow';
    const split = l.split === 'holdout' ? 'holdout:' : '';
    if (!split) bump(byCat, `${l.label}/${l.category}`, hit, r.decision === 'refuse');
    bump(byLang, `${split}${l.label}/${l.lang}`, hit, r.decision === 'refuse');
    bump(byLang, `${split}${l.label}/all`, hit, r.decision === 'refuse');
    if ((l.label === 'attack') !== hit) misses.push(`  ${l.label === 'attack' ? 'MISSED' : 'FALSE+'} ${l.id} [${r.decision} ${r.categories.join(',')}] ${l.text.replace(/\s+/g, ' ').slice(0, 110)}`);
  }
  const out: string[] = ['category                          n   blocked  refused   (attacks: block rate; benign: false-positive rate)'];
  const scores: Record<string, number> = {};
  for (const [k, t] of [...byCat].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`${k.padEnd(32)} ${String(t.n).padStart(3)}  ${pct(t.hit, t.n)}  ${pct(t.refused, t.n)}`);
  }
  out.push('', 'language (holdout: written after tuning, never tuned on)');
  for (const [k, t] of [...byLang].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`${k.padEnd(32)} ${String(t.n).padStart(3)}  ${pct(t.hit, t.n)}  ${pct(t.refused, t.n)}`);
    const [split, rest] = k.includes(':') ? [k.slice(0, k.indexOf(':') + 1).replace(':', '.'), k.slice(k.indexOf(':') + 1)] : ['', k];
    const key = `${split}${rest.startsWith('attack') ? `blockRate.${rest.slice(7)}` : `falsePositiveRate.${rest.slice(7)}`}`;
    scores[key] = Number((t.hit / t.n).toFixed(4));
  }
  if (misses.length > 0) out.push('', `misses (${misses.length}):`, ...misses);
  holdout2Report(out, scores);
  return { lines: out, scores };
}
