/**
 * The statistical layer behind the rules: logistic regression over hashed n-gram
 * features (intent-features.ts), trained by `intent-model-train.ts` on a synthetic set
 * (training/) plus the tuning part of `evals/data/guard.jsonl` (never a holdout).
 * Weights ship as `intent-model.json` with two thresholds calibrated on out-of-fold
 * scores of handwritten benign lines: at or above `refuseThreshold` the input guard
 * refuses, at or above `threshold` it flags for review (category `suspected_attack`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUCKETS, intentFeatures } from './intent-features.js';

export interface IntentModel {
  bias: number;
  threshold: number;
  /** Score at or above which the guard refuses (absent in older models: flag only). */
  refuseThreshold?: number;
  /** Sparse weights: [bucket, weight] pairs. */
  weights: [number, number][];
}

const MODEL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'intent-model.json');

let dense: { bias: number; threshold: number; refuseThreshold: number; w: Float32Array } | null | undefined;

function load() {
  if (dense !== undefined) return dense;
  try {
    const m = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as IntentModel;
    const w = new Float32Array(BUCKETS);
    for (const [i, v] of m.weights) w[i] = v;
    dense = { bias: m.bias, threshold: m.threshold, refuseThreshold: m.refuseThreshold ?? Infinity, w };
  } catch {
    dense = null; // no model shipped: rules only
  }
  return dense;
}

/** Probability (0–1) that the text is an attack, or null when no model is available. */
export function intentScore(text: string): number | null {
  const m = load();
  if (!m) return null;
  let z = m.bias;
  for (const f of intentFeatures(text)) z += m.w[f];
  return 1 / (1 + Math.exp(-z));
}

/** True when the model flags the text. */
export function intentFlag(text: string): boolean {
  const m = load();
  const p = intentScore(text);
  return m !== null && p !== null && p >= m.threshold;
}

/** 'refuse' / 'flag' / 'none' for a text, by the model's two calibrated thresholds, with the score. */
export function intentLevel(text: string): { level: 'refuse' | 'flag' | 'none'; score: number | null } {
  const m = load();
  const p = intentScore(text);
  if (m === null || m === undefined || p === null) return { level: 'none', score: null };
  return { level: p >= m.refuseThreshold ? 'refuse' : p >= m.threshold ? 'flag' : 'none', score: p };
}
