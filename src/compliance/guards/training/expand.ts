/**
 * Template expansion for the intent model's synthetic training set. A template is a
 * string with inline alternatives `{a|b|c}` (one picked per sample) and named slots
 * `<goal>` filled from a slot table (recursively, so slot fillers may hold templates).
 * A seeded PRNG makes every run produce the same set.
 */

/** Deterministic PRNG (mulberry32); returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export type Slots = Record<string, readonly string[]>;

/** One random expansion of `template` (depth-bounded so a cyclic slot table cannot loop). */
export function expand(template: string, slots: Slots, r: () => number, depth = 0): string {
  if (depth > 6) return template;
  let s = template;
  // innermost alternatives first
  for (let i = 0; i < 20 && /\{[^{}]*\}/.test(s); i++) s = s.replace(/\{([^{}]*)\}/g, (_, body: string) => pick(r, body.split('|')));
  s = s.replace(/<([a-z_]+)>/g, (m, name: string) => (slots[name] ? expand(pick(r, slots[name]), slots, r, depth + 1) : m));
  return s.replace(/[ \t]{2,}/g, ' ').trim();
}
