/**
 * Weighted kNN accuracy (Wu et al. 2018, as used by DINO), docs/methods.md §7: each query
 * embedding is compared by cosine similarity with a labelled memory bank; its k most
 * similar bank entries vote for their class with weight `exp(sim / T)`; the class with
 * the largest total vote is the prediction. Defaults: k = 20, T = 0.07.
 */
import { l2NormalizeRows } from './normalizeRows';
import { dotsWithRows } from './rowDots';

/** Default number of neighbours. */
export const KNN_DEFAULT_K = 20;
/** Default temperature of the vote weights. */
export const KNN_DEFAULT_TEMPERATURE = 0.07;

/** Labelled embeddings for kNN: a memory bank (train) and queries (test), same width. */
export interface KnnSet {
  /** Train embeddings, row-major, `bankLabels.length` rows. */
  bank: ArrayLike<number>;
  /** Class index of each bank row, in [0, classes). */
  bankLabels: ArrayLike<number>;
  /** Test embeddings, row-major, `queryLabels.length` rows. */
  queries: ArrayLike<number>;
  /** Class index of each query row, in [0, classes). */
  queryLabels: ArrayLike<number>;
  /** Number of classes. */
  classes: number;
}

/** Knobs of the kNN vote. */
export interface KnnOptions {
  /** Neighbours per query (clipped to the bank size). */
  k?: number;
  /** Temperature T of the weights `exp(sim / T)`. */
  temperature?: number;
}

/**
 * The kNN predictions for each query row. Ties: among equally similar bank rows the
 * earlier one is the nearer neighbour; among equal votes the lower class index wins.
 */
export function knnPredict(set: KnnSet, d: number, options: KnnOptions = {}): Int32Array {
  const k = options.k ?? KNN_DEFAULT_K;
  const temperature = options.temperature ?? KNN_DEFAULT_TEMPERATURE;
  const bankSize = set.bankLabels.length;
  const querySize = set.queryLabels.length;
  checkLabels(set.bankLabels, set.classes, 'bank');
  checkLabels(set.queryLabels, set.classes, 'query');
  if (!(temperature > 0)) throw new Error(`kNN: temperature must be positive, got ${temperature}.`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`kNN: k must be a whole number >= 1, got ${k}.`);
  if (bankSize < 1) throw new Error('kNN: the memory bank is empty.');
  const bank = l2NormalizeRows(set.bank, bankSize, d);
  const queries = l2NormalizeRows(set.queries, querySize, d);
  const kk = Math.min(k, bankSize);

  const predictions = new Int32Array(querySize);
  const sims = new Float64Array(bankSize);
  // The current top kk, kept sorted by similarity (descending).
  const topSim = new Float64Array(kk);
  const topIndex = new Int32Array(kk);
  const votes = new Float64Array(set.classes);
  for (let q = 0; q < querySize; q++) {
    dotsWithRows(queries, q * d, bank, 0, bankSize, d, sims);
    let filled = 0;
    for (let b = 0; b < bankSize; b++) {
      const s = sims[b]!;
      if (filled === kk && !(s > topSim[kk - 1]!)) continue;
      // Insert after every entry with similarity >= s (keeps earlier rows first on ties).
      let pos = filled === kk ? kk - 1 : filled++;
      while (pos > 0 && topSim[pos - 1]! < s) {
        topSim[pos] = topSim[pos - 1]!;
        topIndex[pos] = topIndex[pos - 1]!;
        pos--;
      }
      topSim[pos] = s;
      topIndex[pos] = b;
    }
    votes.fill(0);
    // Subtracting the best similarity leaves the vote ratios unchanged and cannot overflow.
    const best = topSim[0]!;
    for (let r = 0; r < kk; r++) {
      const label = set.bankLabels[topIndex[r]!]!;
      votes[label] = votes[label]! + Math.exp((topSim[r]! - best) / temperature);
    }
    let winner = 0;
    for (let c = 1; c < set.classes; c++) if (votes[c]! > votes[winner]!) winner = c;
    predictions[q] = winner;
  }
  return predictions;
}

/** The fraction of queries whose kNN prediction equals their label (NaN with no queries). */
export function knnAccuracy(set: KnnSet, d: number, options: KnnOptions = {}): number {
  const predictions = knnPredict(set, d, options);
  if (predictions.length === 0) return Number.NaN;
  let correct = 0;
  for (let q = 0; q < predictions.length; q++) if (predictions[q] === set.queryLabels[q]) correct++;
  return correct / predictions.length;
}

/** Throws unless every label is a class index in [0, classes). */
function checkLabels(labels: ArrayLike<number>, classes: number, which: string): void {
  if (!Number.isInteger(classes) || classes < 1) throw new Error(`kNN: classes must be a whole number >= 1, got ${classes}.`);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (!Number.isInteger(l) || l < 0 || l >= classes) throw new Error(`kNN: ${which} label ${i} is ${l}, outside [0, ${classes}).`);
  }
}
