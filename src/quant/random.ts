/**
 * Seeded pseudo-random numbers for reproducible simulations (Monte Carlo goal projection,
 * property tests). xoshiro128** (Blackman & Vigna) seeded through splitmix32, so any
 * integer seed gives a well-mixed state; uniform doubles carry 53 random bits; normals
 * come from the Marsaglia polar method. Not for cryptography.
 */
import { WealthDeskError } from '../errors.js';

/** A seeded generator: `next()` is uniform on [0, 1), `normal()` is N(0, 1). */
export interface Rng {
  /** Uniform double on [0, 1) with 53 random bits. */
  next(): number;
  /** Unsigned 32-bit integer. */
  nextUint32(): number;
  /** Standard normal draw. */
  normal(): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A generator seeded by `seed` (any finite number; its integer part modulo 2^32 is used,
 * with the high part folded in so 2^32 + k and k differ). Same seed → same sequence.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new WealthDeskError('WD_ERR_QUANT_INPUT', `seed must be finite, got ${seed}`);
  const int = Math.trunc(seed);
  const lo = int >>> 0;
  const hi = Math.floor(int / 4294967296) >>> 0;
  const sm = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d));
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  let spare: number | null = null;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return result;
  };
  const next = (): number => {
    const hi27 = nextUint32() >>> 5;
    const lo26 = nextUint32() >>> 6;
    return (hi27 * 67108864 + lo26) / 9007199254740992; // (a·2^26 + b) / 2^53
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * next() - 1;
      const v = 2 * next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * f;
        return u * f;
      }
    }
  };
  return { next, nextUint32, normal };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
