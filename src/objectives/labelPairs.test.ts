import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelPairMasks } from './labelPairs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('labelPairMasks', () => {
  it('marks same-label pairs other than the diagonal as positive, different labels as negative', () => {
    tf.tidy(() => {
      const { positive, negative } = labelPairMasks(tf.tensor1d([0, 1, 0], 'int32'));
      expect(positive.arraySync()).toEqual([[0, 0, 1], [0, 0, 0], [1, 0, 0]]);
      expect(negative.arraySync()).toEqual([[0, 1, 0], [1, 0, 1], [0, 1, 0]]);
    });
  });
});
