/**
 * What the collapse metrics are computed from: embeddings read back to the CPU on a
 * metrics step, as plain row-major arrays (Float32Array from a readback, or Float64Array).
 */
import type { KnnSet } from './knn';

/** One metrics step's embeddings. */
export interface EmbeddingSnapshot {
  /** Embeddings of the batch (view 1), row-major `n x d`. */
  z: ArrayLike<number>;
  /** Rows of `z`. */
  n: number;
  /** Embedding width. */
  d: number;
  /** The other view's embeddings of the same inputs, `n x d`, row i paired with row i of `z`. */
  z2?: ArrayLike<number>;
  /** Labelled train (bank) and test (query) embeddings of width `d`, for kNN accuracy. */
  knn?: KnnSet;
}
