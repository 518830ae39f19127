/**
 * A small seeded random source (mulberry32) so every run, dataset and augmentation
 * is reproducible from the seed in the link. `tfSeed()` hands out integer seeds for
 * tfjs random ops, so those are reproducible too.
 */

/** A seeded pseudo-random number generator. */
export class Rng {
  private s: number;

  /** @param seed any integer; equal seeds give equal streams. */
  constructor(seed: number) {
    this.s = (seed | 0) ^ 0x9e3779b9;
    // Warm up so that small seeds diverge immediately.
    for (let i = 0; i < 4; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A fresh integer seed for a tfjs random op or a child generator. */
  tfSeed(): number {
    return Math.floor(this.next() * 2147483647);
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  /** A child generator with an independent stream. */
  fork(): Rng {
    return new Rng(this.tfSeed());
  }
}
