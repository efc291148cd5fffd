/**
 * An embedder turns texts into unit-length vectors. Its `id` (which includes the
 * dimension) is stored with every chunk, so a corpus can hold several embedders and
 * `reindex` can move it from one to another.
 */
export interface Embedder {
  /** Stable identifier stored with each chunk, e.g. 'hash-v1-512' or 'openai:text-embedding-3-small'. */
  readonly id: string;
  /** Vector length. */
  readonly dim: number;
  /** Embeds documents (chunks), in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
  /** Embeds one query; may differ from `embed` (e.g. stopword handling). */
  embedQuery(text: string): Promise<number[]>;
  /**
   * Optional: embeds a query with per-term weights (the store's idf), for embedders
   * whose features are words (the offline hashing embedder). Search uses it when present.
   */
  embedQueryWeighted?(text: string, termWeight: (term: string) => number | undefined): Promise<number[]>;
}

/** Scales a vector to unit L2 length in place (a zero vector stays zero). */
export function l2normalize(v: number[] | Float64Array): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  return Array.from(v, (x) => (n > 0 ? x / n : 0));
}

/** pgvector text literal: '[0.1,0.2,…]' (6 significant digits is ample for cosine ranking). */
export function toVectorLiteral(v: readonly number[]): string {
  return `[${v.map((x) => (x === 0 ? '0' : x.toPrecision(6))).join(',')}]`;
}
