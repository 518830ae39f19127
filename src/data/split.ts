/**
 * How samples are allotted to classes and to the train/test split: class-balanced
 * label orders for generated sets, a stratified seeded split for stored sets, and
 * gathering the chosen rows into fresh arrays.
 */
import type { Rng } from '../util/rng';

/** `count` labels, as equal per class as possible (counts differ by at most one), in seeded random order. */
export function balancedLabels(count: number, classes: number, rng: Rng): Int32Array {
  const order = rng.permutation(count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[order[i]!] = i % classes;
  return labels;
}

/** Train and test sample indices into a stored set. */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/**
 * A seeded stratified split: each class sends `round(n_c * testFraction)` of its samples
 * to the test set. Both index lists come out in seeded random order.
 */
export function stratifiedSplit(labels: ArrayLike<number>, classes: number, testFraction: number, rng: Rng): SplitIndices {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const bucket = byClass[labels[i]!];
    if (!bucket) throw new Error(`Label ${labels[i]} at sample ${i} is outside 0..${classes - 1}.`);
    bucket.push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    const order = rng.permutation(members.length);
    const nTest = Math.round(members.length * testFraction);
    for (let k = 0; k < members.length; k++) (k < nTest ? test : train).push(members[order[k]!]!);
  }
  return { train: shuffled(train, rng), test: shuffled(test, rng) };
}

function shuffled(values: number[], rng: Rng): Int32Array {
  const order = rng.permutation(values.length);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[order[i]!]!;
  return out;
}
