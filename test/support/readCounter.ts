/**
 * Counts GPU-to-CPU reads: wraps the active tfjs backend's `read`, `readSync` and
 * `readToGPU` (every `tensor.data()`, `dataSync()`, `array()` goes through one of them)
 * until `stop()` puts the originals back, and adds up the bytes `read` returns. On the
 * CPU and WASM backends the same calls are reads of CPU memory, counted the same way.
 * Used by the benchmark page and the kernel harness page.
 */
import * as tf from '@tensorflow/tfjs';

/** The backend methods that move tensor data to the CPU (or to a caller's GPU buffer). */
const READ_METHODS = ['read', 'readSync', 'readToGPU'] as const;

/** A live counter over the active backend. */
export interface ReadCounter {
  /** Reads so far, all methods together. */
  readonly count: number;
  /** Reads so far, by method name. */
  readonly byMethod: Readonly<Record<string, number>>;
  /** Bytes the `read` calls have returned so far. */
  readonly bytesRead: number;
  /** Restores the backend's own methods. */
  stop(): void;
}

/** Byte size of what `read` resolved to (a typed array, or a plain array of 4-byte values). */
function byteSize(values: unknown): number {
  const v = values as { byteLength?: number; length?: number };
  return v.byteLength ?? 4 * (v.length ?? 0);
}

/** Starts counting reads on the active backend. */
export function countReads(): ReadCounter {
  const backend = tf.backend() as unknown as Record<string, unknown>;
  const byMethod: Record<string, number> = {};
  const originals = new Map<string, unknown>();
  let count = 0;
  let bytesRead = 0;
  for (const name of READ_METHODS) {
    const original = backend[name];
    if (typeof original !== 'function') continue;
    originals.set(name, original);
    byMethod[name] = 0;
    backend[name] = function (this: unknown, ...args: unknown[]): unknown {
      count++;
      byMethod[name] = (byMethod[name] ?? 0) + 1;
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (name !== 'read') return result;
      return (result as Promise<unknown>).then((values) => {
        bytesRead += byteSize(values);
        return values;
      });
    };
  }
  return {
    get count() {
      return count;
    },
    get bytesRead() {
      return bytesRead;
    },
    byMethod,
    stop() {
      for (const [name, original] of originals) backend[name] = original;
      originals.clear();
    },
  };
}
