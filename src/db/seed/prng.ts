/**
 * A small seeded pseudo-random generator for the demo data: sfc32 seeded through
 * splitmix32. Same seed → same sequence on every machine (integer arithmetic only;
 * `normal()` uses Math.log/cos/sqrt, which V8 computes identically on every platform).
 * `fork(label)` derives an independent stream, so e.g. the client generator can change
 * without moving a single simulated price.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element with the given non-negative weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** k distinct elements (all of them when k ≥ length), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** k distinct integers in [lo, hi] (fewer when the range is smaller), ascending. */
  distinctInts(lo: number, hi: number, k: number): number[];
  /** An independent generator derived from this one's seed and a label. */
  fork(label: string): Rng;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a string, for deriving fork seeds. */
function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a generator from a 32-bit integer seed. */
export function createRng(seed: number): Rng {
  const sm = splitmix32(seed >>> 0);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  let spare: number | null = null;

  const rng: Rng = {
    next: () => u32() / 4294967296,
    int: (lo, hi) => lo + Math.floor(rng.next() * (hi - lo + 1)),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = rng.next();
      const v = rng.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => rng.next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(rng.next() * items.length)];
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      const total = weights.reduce((s, w) => s + w, 0);
      let x = rng.next() * total;
      for (let i = 0; i < items.length; i++) {
        x -= weights[i];
        if (x < 0) return items[i];
      }
      return items[items.length - 1];
    },
    sample<T>(items: readonly T[], k: number): T[] {
      const a = [...items];
      const m = Math.max(0, Math.min(k, a.length));
      // Partial Fisher–Yates: only the first m positions are drawn.
      for (let i = 0; i < m; i++) {
        const j = i + Math.floor(rng.next() * (a.length - i));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, m);
    },
    distinctInts(lo: number, hi: number, k: number): number[] {
      const span = hi - lo + 1;
      const m = Math.max(0, Math.min(k, span));
      const seen = new Set<number>();
      while (seen.size < m) seen.add(lo + Math.floor(rng.next() * span));
      return [...seen].sort((x, y) => x - y);
    },
    fork: (label) => createRng(fnv1a(label, fnv1a(String(seed >>> 0)))),
  };
  return rng;
}
