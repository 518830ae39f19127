/**
 * Seeded epoch shuffling into index batches. Each epoch is a fresh permutation of
 * 0..n-1, so every index is served exactly once per epoch. Batches are always full:
 * a batch that crosses an epoch boundary takes the old epoch's tail plus the head of
 * the next one, with no index twice in the same batch. The batch size may change
 * between calls (it is capped at n).
 */
import type { Rng } from '../util/rng';

/** Serves shuffled index batches over a dataset of `size` samples. */
export class EpochBatcher {
  private order: Int32Array;
  private pos = 0;
  private epochCount = 0;

  /**
   * @param size number of samples (> 0)
   * @param rng the generator the permutations are drawn from (give it its own fork)
   */
  constructor(
    readonly size: number,
    private readonly rng: Rng,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`EpochBatcher needs at least one sample, got ${size}.`);
    this.order = rng.permutation(size);
  }

  /** Completed epochs so far (0 during the first pass). */
  get epoch(): number {
    return this.epochCount;
  }

  /** Position in the current epoch's permutation. */
  get position(): number {
    return this.pos;
  }

  /** The next `batchSize` sample indices (at most `size`). */
  next(batchSize: number): Int32Array {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Batch size must be a positive integer, got ${batchSize}.`);
    const b = Math.min(batchSize, this.size);
    const out = new Int32Array(b);
    const fromThisEpoch = Math.min(b, this.size - this.pos);
    out.set(this.order.subarray(this.pos, this.pos + fromThisEpoch));
    this.pos += fromThisEpoch;
    const rest = b - fromThisEpoch;
    if (this.pos === this.size) this.startEpoch(out.subarray(0, fromThisEpoch), rest);
    if (rest > 0) {
      out.set(this.order.subarray(0, rest), fromThisEpoch);
      this.pos = rest;
    }
    return out;
  }

  /**
   * Draws the next epoch's permutation. The batch being filled already holds `tail`
   * and will take the first `headCount` indices of the new epoch: any tail index among
   * those is swapped with a later index that is not in the tail.
   */
  private startEpoch(tail: Int32Array, headCount: number): void {
    this.epochCount++;
    this.pos = 0;
    const order = this.rng.permutation(this.size);
    if (headCount > 0) {
      const inTail = new Set(tail);
      let swapFrom = headCount;
      for (let i = 0; i < headCount; i++) {
        if (!inTail.has(order[i]!)) continue;
        while (inTail.has(order[swapFrom]!)) swapFrom++;
        const t = order[i]!;
        order[i] = order[swapFrom]!;
        order[swapFrom] = t;
        swapFrom++;
      }
    }
    this.order = order;
  }
}
