/** Seeded positive-definite test problems from a 5-factor model (shared by the optimizer bench and tests). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Σ = B Bᵀ + D with 5 factors; μ loosely tied to factor exposure. */
export function factorProblem(n: number, seed: number): { mu: number[]; cov: number[][]; tickers: string[] } {
  const r = rng(seed);
  const k = 5;
  const B = Array.from({ length: n }, () => Array.from({ length: k }, () => (r() - 0.3) * 0.25));
  const cov = B.map((bi, i) =>
    B.map((bj, j) => bi.reduce((s, v, f) => s + v * bj[f]!, 0) + (i === j ? 0.01 + 0.05 * r() : 0)),
  );
  const mu = B.map((bi) => 0.02 + bi.reduce((s, v) => s + v, 0) * 0.3 + 0.08 * r());
  return { mu, cov, tickers: mu.map((_, i) => `A${i}`) };
}

