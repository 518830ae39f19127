/** Supervised cross-entropy on the classifier head. */
import * as tf from '@tensorflow/tfjs';
import { defineTerm } from './term';

/** Mean softmax cross-entropy of integer labels. */
export function crossEntropyLoss(logits: tf.Tensor2D, labels: tf.Tensor1D, classes: number): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, classes), logits) as tf.Scalar;
}

/** The supervised objective. It reads the classifier's logits of the task features (either possibly CIR-perturbed). */
export const crossEntropyTerm = defineTerm({
  spec: {
    id: 'ce',
    label: 'Cross-entropy',
    role: 'objective',
    tasks: ['supervised'],
    needs: { labels: true },
    params: {},
    formula: 'L = -mean_i log softmax(W f_i)[y_i]',
    formulaTex: String.raw`\mathcal{L} = -\operatorname{mean}_i \log \operatorname{softmax}(W f_i)_{y_i}`,
    summary: 'Plain supervised classification on the backbone features.',
    card: null,
    reconstructed: false,
    chart: { kind: 'none', title: '' },
    stateful: false,
    trainsClassifier: true,
  },
  compute(ctx) {
    return { loss: crossEntropyLoss(ctx.taskLogits1, ctx.labels, ctx.classes) };
  },
});
