import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeOptimizer, makeOptimizer, setLearningRate } from './optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** How far one step with gradient 1 moves a weight that starts at 0. */
function stepSize(optimizer: tf.Optimizer): number {
  const v = tf.variable(tf.zeros([1]));
  optimizer.applyGradients([{ name: v.name, tensor: tf.ones([1]) }]);
  const moved = Math.abs(v.dataSync()[0]!);
  v.dispose();
  return moved;
}

describe('the run optimiser', () => {
  for (const kind of ['sgd', 'adam'] as const) {
    it(`${kind}: a live learning-rate change is the rate the next update uses`, () => {
      const opt = makeOptimizer({ optimizer: kind, lr: 0.1 });
      expect(stepSize(opt)).toBeCloseTo(0.1, 5);
      setLearningRate(opt, 1e-5);
      // At the old rate this step would move by 0.1 or more (SGD's momentum slot, kept by
      // position, adds 0.9 of the last gradient: 1.9e-5 at the new rate).
      const moved = stepSize(opt);
      expect(moved).toBeGreaterThan(0);
      expect(moved).toBeLessThan(2e-5);
      disposeOptimizer(opt);
    });

    it(`${kind}: building and disposing leaks no tensor`, () => {
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        const opt = makeOptimizer({ optimizer: kind, lr: 0.01 });
        setLearningRate(opt, 0.02);
        disposeOptimizer(opt);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
