/**
 * The run's optimiser: Adam, or SGD with momentum 0.9 (SimSiam's recipe), built from the
 * config, with the two things tfjs's optimisers do not do on their own: a live learning-rate
 * change that SGD really uses (it keeps the rate it was built with as a constant tensor), and
 * a dispose that frees that tensor too (momentum's own dispose forgets it).
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';

/** SGD's momentum. */
export const SGD_MOMENTUM = 0.9;

/** A fresh optimiser for the config's optimiser and learning rate. */
export function makeOptimizer(config: Pick<RunConfig, 'optimizer' | 'lr'>): tf.Optimizer {
  return config.optimizer === 'sgd' ? tf.train.momentum(config.lr, SGD_MOMENTUM) : tf.train.adam(config.lr);
}

/** The parts of tfjs's optimisers this module reaches into. */
interface OptimizerInternals {
  learningRate: number;
  /** SGD and momentum: sets the rate and rebuilds the constant the update multiplies by. */
  setLearningRate?: (lr: number) => void;
  /** SGD and momentum: that constant, -lr. */
  c?: tf.Tensor;
}

/** Changes the learning rate of a live optimiser (Adam reads it every step; SGD needs its constant rebuilt). */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as OptimizerInternals;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** Frees every tensor the optimiser holds (its slots, and SGD's learning-rate constant). */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  const o = optimizer as unknown as OptimizerInternals;
  const c = o.c;
  optimizer.dispose();
  if (c && !c.isDisposed) c.dispose();
}
