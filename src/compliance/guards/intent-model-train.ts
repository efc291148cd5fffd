/**
 * Trains intent-model.json: `npx tsx src/compliance/guards/intent-model-train.ts`.
 * L2-regularized logistic regression (full-batch gradient descent, balanced classes) on
 * hashed features of:
 *  - the synthetic set of `training/generate.ts` (templates × slot fillers × obfuscations),
 *  - the NON-holdout lines of evals/data/guard.jsonl,
 *  - client questions of evals/data/routing.jsonl and retrieval.jsonl as benign lines.
 * Never the holdout lines of guard.jsonl nor anything of guard-holdout2.jsonl.
 * Two thresholds are chosen on 5-fold out-of-fold scores of the handwritten benign
 * lines (the synthetic ones are too easy to calibrate on): `threshold` (flag) lets at
 * most 1% of them through as flagged, `refuseThreshold` at most 0.25%. The final model
 * is trained on everything. Deterministic (fixed seed and fold assignment).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maskPii } from '../pii/mask.js';
import { BUCKETS, intentFeatures } from './intent-features.js';
import { generateTrainingSet } from './training/generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '..', '..', '..', 'evals', 'data');

interface Ex {
  f: number[];
  y: number;
  /** Handwritten (true) or synthetic (false). */
  real: boolean;
}

function train(xs: Ex[], epochs = 400, lr = 2.0, l2 = 2e-4): { w: Float64Array; b: number } {
  const w = new Float64Array(BUCKETS);
  let b = 0;
  const g = new Float64Array(BUCKETS);
  const pos = xs.filter((x) => x.y === 1).length;
  const cw = { 1: xs.length / (2 * pos), 0: xs.length / (2 * (xs.length - pos)) };
  for (let e = 0; e < epochs; e++) {
    g.fill(0);
    let gb = 0;
    for (const x of xs) {
      let z = b;
      for (const f of x.f) z += w[f];
      const d = (1 / (1 + Math.exp(-z)) - x.y) * cw[x.y as 0 | 1];
      for (const f of x.f) g[f] += d;
      gb += d;
    }
    for (let i = 0; i < BUCKETS; i++) if (g[i] !== 0 || w[i] !== 0) w[i] -= lr * (g[i] / xs.length + l2 * w[i]);
    b -= lr * (gb / xs.length);
  }
  return { w, b };
}

const score = (m: { w: Float64Array; b: number }, f: number[]) => 1 / (1 + Math.exp(-(m.b + f.reduce((s, i) => s + m.w[i], 0))));

const jsonl = (file: string) =>
  readFileSync(join(DATA, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; label?: string; split?: string });

const feats = (t: string) => intentFeatures(maskPii(t).masked);
const xs: Ex[] = [
  ...jsonl('guard.jsonl')
    .filter((l) => l.split !== 'holdout')
    .map((l) => ({ f: feats(l.text), y: l.label === 'attack' ? 1 : 0, real: true })),
  ...[...jsonl('routing.jsonl'), ...jsonl('retrieval.jsonl')].map((l) => ({ f: feats(l.text), y: 0, real: true })),
  ...generateTrainingSet().map((l) => ({ f: feats(l.text), y: l.y, real: false })),
];

const oof: { p: number; y: number; real: boolean }[] = [];
for (let k = 0; k < 5; k++) {
  const m = train(xs.filter((_, i) => i % 5 !== k));
  xs.forEach((x, i) => {
    if (i % 5 === k) oof.push({ p: score(m, x.f), y: x.y, real: x.real });
  });
}
const benign = oof.filter((o) => o.y === 0 && o.real).map((o) => o.p).sort((a, b) => b - a);
const at = (share: number) => benign[Math.floor(benign.length * share)] + 1e-6;
const threshold = Math.max(0.5, at(0.01));
const refuseThreshold = Math.max(threshold + 0.05, 0.9, at(0.0025));
const rate = (pred: (o: (typeof oof)[number]) => boolean, t: number) => oof.filter((o) => pred(o) && o.p >= t).length / oof.filter(pred).length;
const m = train(xs);
const weights: [number, number][] = [];
m.w.forEach((v, i) => {
  if (Math.abs(v) >= 2e-3) weights.push([i, Number(v.toFixed(3))]);
});
writeFileSync(
  join(here, 'intent-model.json'),
  JSON.stringify({ bias: Number(m.b.toFixed(4)), threshold: Number(threshold.toFixed(4)), refuseThreshold: Number(refuseThreshold.toFixed(4)), weights }),
);
console.error(
  `trained on ${xs.length} lines (${xs.filter((x) => !x.real).length} synthetic); flag ≥ ${threshold.toFixed(3)}, refuse ≥ ${refuseThreshold.toFixed(3)}; ` +
    `OOF handwritten attacks flagged ${(100 * rate((o) => o.y === 1 && o.real, threshold)).toFixed(1)}% / refused ${(100 * rate((o) => o.y === 1 && o.real, refuseThreshold)).toFixed(1)}%, ` +
    `synthetic attacks ${(100 * rate((o) => o.y === 1 && !o.real, threshold)).toFixed(1)}%, handwritten benign flagged ${(100 * rate((o) => o.y === 0 && o.real, threshold)).toFixed(1)}% / refused ${(100 * rate((o) => o.y === 0 && o.real, refuseThreshold)).toFixed(1)}%; ${weights.length} weights`,
);
