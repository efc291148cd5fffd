/**
 * Hierarchical Risk Parity (López de Prado 2016) as PyPortfolioOpt 1.5.6 `HRPOpt.optimize`:
 *
 * 1. distance d_ij = √(clip((1 − ρ_ij)/2, 0, 1)), passed to scipy `linkage` as a condensed
 *    distance matrix (`ssd.squareform(matrix, checks=False)`), single linkage by default;
 * 2. quasi-diagonal order = `to_tree(link).pre_order()` (left child = smaller cluster id);
 * 3. recursive bisection of that ordered list into halves, splitting weight by the
 *    inverse-variance-portfolio variance of each half: α = 1 − V₁/(V₁ + V₂).
 *
 * Agglomeration uses the nearest-neighbour chain with Lance–Williams updates (exact for
 * single, complete, average and Ward), then the merges are stably sorted by height and
 * relabelled with a union-find, exactly as scipy does, so the tree (and the order) match.
 */
import { WealthDeskError } from '../errors.js';
import { pairwiseCov } from './linalg.js';
import { returnColumns, type ReturnTable } from './returns.js';
import { assertCovariance } from './risk-parity.js';

export type Linkage = 'single' | 'average' | 'complete' | 'ward';

export interface HrpOptions {
  /** Correlation matrix for the clustering; default derived from `cov`. */
  corr?: number[][];
  /** scipy linkage method. Default 'single' (PyPortfolioOpt's default). */
  linkage?: Linkage;
}

export interface HrpResult {
  /** Weights, > 0, summing to 1, in the covariance's asset order. */
  weights: number[];
  /** Quasi-diagonal order (asset indices, leaves of the dendrogram left to right). */
  order: number[];
}

/** One merge of the linkage matrix, as scipy: [a, b, height, size] with a < b cluster ids. */
export type LinkRow = [number, number, number, number];

/**
 * scipy `linkage(condensed, method)` on a full symmetric distance matrix. Returns the n−1
 * merges sorted by height; leaf ids 0..n−1, merge i creates id n+i.
 */
export function linkage(dist: number[][], method: Linkage): LinkRow[] {
  const n = dist.length;
  if (n < 2) return [];
  const D = dist.map((r) => Float64Array.from(r));
  const size = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const merges: { a: number; b: number; h: number }[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(true));
    for (;;) {
      const x = chain[chain.length - 1];
      const prev = chain.length > 1 ? chain[chain.length - 2] : -1;
      // Nearest active neighbour of x; prefer the previous chain element on ties (scipy).
      let y = prev;
      let best = prev >= 0 ? D[x][prev] : Infinity;
      for (let i = 0; i < n; i++) {
        if (!active[i] || i === x) continue;
        if (D[x][i] < best) {
          best = D[x][i];
          y = i;
        }
      }
      if (y === prev) {
        chain.pop();
        chain.pop();
        mergeInto(x, y, best);
        break;
      }
      chain.push(y);
    }
  }

  function mergeInto(x: number, y: number, h: number): void {
    const [a, b] = x < y ? [x, y] : [y, x];
    merges.push({ a, b, h });
    const sa = size[a];
    const sb = size[b];
    // The merged cluster lives at slot b (scipy nn_chain keeps y), a is retired.
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue;
      const dak = D[a][k];
      const dbk = D[b][k];
      const sk = size[k];
      let d: number;
      switch (method) {
        case 'single':
          d = Math.min(dak, dbk);
          break;
        case 'complete':
          d = Math.max(dak, dbk);
          break;
        case 'average':
          d = (sa * dak + sb * dbk) / (sa + sb);
          break;
        case 'ward': {
          const t = sa + sb + sk;
          d = Math.sqrt(((sa + sk) * dak * dak + (sb + sk) * dbk * dbk - sk * h * h) / t);
          break;
        }
      }
      D[b][k] = D[k][b] = d;
    }
    active[a] = false;
    size[b] = sa + sb;
    remaining--;
  }

  // Stable sort by height, then relabel with union-find (scipy `label`).
  const order = merges.map((m, i) => ({ ...m, i })).sort((p, q) => p.h - q.h || p.i - q.i);
  const parent = Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const sz = new Array<number>(2 * n - 1).fill(1);
  let next = n;
  return order.map(({ a, b, h }) => {
    const ra = find(a);
    const rb = find(b);
    const row: LinkRow = [Math.min(ra, rb), Math.max(ra, rb), h, sz[ra] + sz[rb]];
    parent[ra] = next;
    parent[rb] = next;
    sz[next] = sz[ra] + sz[rb];
    next++;
    return row;
  });
}

/** Leaves of the linkage tree in pre-order, left child first (scipy `to_tree().pre_order()`). */
export function quasiDiagOrder(link: LinkRow[], n: number): number[] {
  if (n === 1) return [0];
  const out: number[] = [];
  const stack = [n + link.length - 1];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id < n) {
      out.push(id);
      continue;
    }
    const [l, r] = link[id - n];
    stack.push(r, l);
  }
  return out;
}

function clusterVariance(cov: number[][], items: number[]): number {
  let z = 0;
  const w = items.map((i) => {
    const x = 1 / cov[i][i];
    z += x;
    return x;
  });
  let v = 0;
  for (let a = 0; a < items.length; a++) {
    for (let b = 0; b < items.length; b++) v += (w[a] / z) * cov[items[a]][items[b]] * (w[b] / z);
  }
  return v;
}

/** HRP weights for covariance `cov` (any consistent units); see the module comment. */
export function hierarchicalRiskParity(cov: number[][], o: HrpOptions = {}): HrpResult {
  assertCovariance(cov);
  const n = cov.length;
  const corr = o.corr ?? cov.map((row, i) => row.map((c, j) => c / Math.sqrt(cov[i][i] * cov[j][j])));
  if (corr.length !== n || corr.some((r) => r.length !== n || r.some((x) => !Number.isFinite(x)))) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `correlation must be a finite ${n}×${n} matrix`);
  }
  const dist = corr.map((row, i) => row.map((c, j) => (i === j ? 0 : Math.sqrt(Math.min(1, Math.max(0, (1 - c) / 2))))));
  // squareform(checks=False) reads the upper triangle only.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) dist[i][j] = dist[j][i];
  const link = linkage(dist, o.linkage ?? 'single');
  const order = quasiDiagOrder(link, n);

  const w = new Array<number>(n).fill(1);
  let clusters: number[][] = [order];
  while (clusters.length > 0) {
    clusters = clusters.flatMap((c) => (c.length > 1 ? [c.slice(0, c.length >> 1), c.slice(c.length >> 1)] : []));
    for (let k = 0; k < clusters.length; k += 2) {
      const first = clusters[k];
      const second = clusters[k + 1];
      const v1 = clusterVariance(cov, first);
      const v2 = clusterVariance(cov, second);
      const alpha = 1 - v1 / (v1 + v2);
      for (const i of first) w[i] *= alpha;
      for (const i of second) w[i] *= 1 - alpha;
    }
  }
  return { weights: w, order };
}

/**
 * Pearson correlation from pairwise-complete observations, as pandas `DataFrame.corr()`:
 * each pair uses only the rows where both are present, with that subset's own means and
 * standard deviations (so it differs from covToCorr of the pairwise covariance when the
 * columns have different histories). NaN columns are skipped; a pair with < 2 shared rows
 * is an error.
 */
export function pairwiseCorr(cols: readonly Float64Array[], tickers?: readonly string[]): number[][] {
  const n = cols.length;
  const out = cols.map(() => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = cols[i];
      const b = cols[j];
      let ma = 0;
      let mb = 0;
      let k = 0;
      for (let t = 0; t < a.length; t++) {
        if (!Number.isNaN(a[t]) && !Number.isNaN(b[t])) {
          ma += a[t];
          mb += b[t];
          k++;
        }
      }
      if (k < 2) {
        const name = (x: number) => tickers?.[x] ?? String(x);
        throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${name(i)} and ${name(j)} share fewer than 2 return dates`);
      }
      ma /= k;
      mb /= k;
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let t = 0; t < a.length; t++) {
        if (!Number.isNaN(a[t]) && !Number.isNaN(b[t])) {
          const da = a[t] - ma;
          const db = b[t] - mb;
          sab += da * db;
          saa += da * da;
          sbb += db * db;
        }
      }
      out[i][j] = out[j][i] = sab / Math.sqrt(saa * sbb);
    }
  }
  return out;
}

/**
 * HRP straight from a return table, exactly as `HRPOpt(returns).optimize()`: the pairwise
 * sample covariance (pandas `.cov()`) and pairwise correlation (pandas `.corr()`) of the
 * daily returns. Weights are keyed by ticker.
 */
export function hierarchicalRiskParityFromReturns(r: ReturnTable, o: { linkage?: Linkage } = {}): HrpResult & { tickers: string[] } {
  if (r.tickers.length < 2) throw new WealthDeskError('WD_ERR_QUANT_INPUT', 'HRP needs at least two assets');
  const cols = returnColumns(r);
  const { cov } = pairwiseCov(cols, 1);
  cov.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `${r.tickers[i]} and ${r.tickers[j]} share fewer than 2 return dates`);
    }),
  );
  const corr = pairwiseCorr(cols, r.tickers);
  return { ...hierarchicalRiskParity(cov, { corr, linkage: o.linkage }), tickers: [...r.tickers] };
}
