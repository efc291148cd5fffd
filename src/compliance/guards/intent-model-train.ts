/**
 * Trains intent-model.json: `npx tsx src/compliance/guards/intent-model-train.ts`.
 * L2-regularized logistic regression, full-batch gradient descent on hashed features of
 * the NON-holdout lines of evals/data/guard.jsonl. The threshold is chosen on 5-fold
 * out-of-fold scores so that at most 1.5% of benign lines would be flagged; the final
 * model is then trained on all tuning lines. Deterministic (fixed fold assignment).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maskPii } from '../pii/mask.js';
import { BUCKETS, intentFeatures } from './intent-features.js';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '..', '..', '..', 'evals', 'data', 'guard.jsonl');

interface Ex {
  f: number[];
  y: number;
}

function train(xs: Ex[], epochs = 1000, lr = 1.0, l2 = 1e-3): { w: Float64Array; b: number } {
  const w = new Float64Array(BUCKETS);
  let b = 0;
  const g = new Float64Array(BUCKETS);
  const pos = xs.filter((x) => x.y === 1).length;
  const cw = { 1: xs.length / (2 * pos), 0: xs.length / (2 * (xs.length - pos)) }; // balanced classes
  for (let e = 0; e < epochs; e++) {
    g.fill(0);
    let gb = 0;
    for (const x of xs) {
      let z = b;
      for (const f of x.f) z += w[f];
      const p = 1 / (1 + Math.exp(-z));
      const d = (p - x.y) * cw[x.y as 0 | 1];
      for (const f of x.f) g[f] += d;
      gb += d;
    }
    for (let i = 0; i < BUCKETS; i++) if (g[i] !== 0 || w[i] !== 0) w[i] -= lr * (g[i] / xs.length + l2 * w[i]);
    b -= lr * (gb / xs.length);
  }
  return { w, b };
}

const score = (m: { w: Float64Array; b: number }, f: number[]) => 1 / (1 + Math.exp(-(m.b + f.reduce((s, i) => s + m.w[i], 0))));

const lines = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; label: string; split?: string })
  .filter((l) => l.split !== 'holdout');
const xs: Ex[] = lines.map((l) => ({ f: intentFeatures(maskPii(l.text).masked), y: l.label === 'attack' ? 1 : 0 }));

const oof: { p: number; y: number }[] = [];
for (let k = 0; k < 5; k++) {
  const m = train(xs.filter((_, i) => i % 5 !== k));
  xs.forEach((x, i) => {
    if (i % 5 === k) oof.push({ p: score(m, x.f), y: x.y });
  });
}
const benign = oof.filter((o) => o.y === 0).map((o) => o.p).sort((a, b) => b - a);
const threshold = Math.max(0.5, benign[Math.floor(benign.length * 0.015)] + 1e-6);
const recall = oof.filter((o) => o.y === 1 && o.p >= threshold).length / oof.filter((o) => o.y === 1).length;
const fp = oof.filter((o) => o.y === 0 && o.p >= threshold).length / benign.length;
const m = train(xs);
const weights: [number, number][] = [];
m.w.forEach((v, i) => {
  if (Math.abs(v) >= 1e-3) weights.push([i, Number(v.toFixed(4))]);
});
writeFileSync(join(here, 'intent-model.json'), JSON.stringify({ bias: Number(m.b.toFixed(4)), threshold: Number(threshold.toFixed(4)), weights }));
console.error(`trained on ${xs.length} lines; threshold ${threshold.toFixed(3)}; 5-fold OOF recall ${(100 * recall).toFixed(1)}%, benign FP ${(100 * fp).toFixed(1)}%; ${weights.length} weights`);
