/**
 * Asking the main run's engine for its weights: sends `exportWeights` and resolves with the
 * `weights` event that answers it (app/engine/handleWorkerEvent.ts hands it to
 * `receiveWeights`). Commands are answered in order, so answers match requests first come,
 * first served.
 */
import type { RunWeights } from '../../src/library/weights';
import type { WorkerEvent } from '../../src/protocol';
import { sendOwnCommand } from '../engine/engineClient';

/** How long to wait for the engine's answer (a large model on a slow backend takes a few seconds). */
const ANSWER_TIMEOUT_MS = 30_000;

const waiting: ((w: RunWeights) => void)[] = [];

/** The main run's weights now (training goes on); rejects with a sentence when none come. */
export function requestWeights(): Promise<RunWeights> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const i = waiting.indexOf(answer);
      if (i >= 0) waiting.splice(i, 1);
      reject(new Error(`the engine did not send its weights within ${ANSWER_TIMEOUT_MS / 1000} s`));
    }, ANSWER_TIMEOUT_MS);
    const answer = (w: RunWeights): void => {
      clearTimeout(timer);
      if (w.tensors.length === 0) reject(new Error('no run is built yet'));
      else resolve(w);
    };
    waiting.push(answer);
    sendOwnCommand({ type: 'exportWeights' });
  });
}

/** Hands the engine's `weights` event to the oldest request. */
export function receiveWeights(ev: Extract<WorkerEvent, { type: 'weights' }>): void {
  waiting.shift()?.({ step: ev.step, tensors: ev.tensors });
}
