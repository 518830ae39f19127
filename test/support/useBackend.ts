/**
 * For the unit tests that run one suite per tfjs backend: switches to a backend for the
 * tests of the enclosing `describe`, and back to the previous one after them.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect } from 'vitest';

/** Call inside a `describe`: its tests run on `backend` (which must start). */
export function useBackend(backend: string): void {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend(previous || 'cpu');
  });
}
