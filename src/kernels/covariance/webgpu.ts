/**
 * WGSL kernel of `CovarianceCentered` for the tfjs `webgpu` backend:
 * z [N, D] -> (1/N) (z - mean)^T (z - mean), without materialising z - mean or a
 * transpose. Two dispatches:
 * 1. ColumnMeanProgram: one thread per column, compensated (Kahan) sum over the rows.
 * 2. CenteredGramProgram: 16 x 16 output tiles, one workgroup (256 threads) per tile on
 *    or above the diagonal; rows of z are staged through workgroup memory 16 at a time,
 *    centred as they are loaded. Each off-diagonal tile also writes its mirror, so the
 *    result is exactly symmetric, and half of the products are skipped.
 * Centring before multiplying avoids the cancellation of E[z z^T] - mu mu^T; the row
 * sum is plain float32 (error about N * 2^-24 relative to sum |zc_i zc_j| / N).
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { checkInput } from '../checkInput';
import { replaceKernel } from '../registration';
import { COVARIANCE_CENTERED } from './names';

/** Side of the square output tile one workgroup computes. */
export const COVARIANCE_TILE = 16;

/** Threads per workgroup of the column-mean program. */
const MEAN_WORKGROUP_SIZE = 64;

/** Column means of z [N, D] -> [D]. */
export class ColumnMeanProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_column_mean';
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  variableNames = ['Z'];
  workgroupSize: [number, number, number] = [MEAN_WORKGROUP_SIZE, 1, 1];

  /** @param d columns of z. */
  constructor(d: number) {
    this.outputShape = [d];
    this.dispatch = [Math.ceil(d / MEAN_WORKGROUP_SIZE), 1, 1];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  fn main(index : i32) {
    let rows = uniforms.zShape.x;
    let cols = uniforms.zShape.y;
    let col = i32(workgroupId.x) * ${MEAN_WORKGROUP_SIZE} + i32(localIndex);
    if (col < cols) {
      var s = 0.0;
      var c = 0.0;
      for (var r = 0; r < rows; r++) {
        let y = Z[r * cols + col] - c;
        let t = s + y;
        c = (t - s) - y;
        s = t;
      }
      result[col] = s / f32(rows);
    }
  }
`;
  }
}

/** (1/N) (z - mu)^T (z - mu) from z [N, D] and its column means mu [D]. */
export class CenteredGramProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'collapselab_centered_gram';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  variableNames = ['Z', 'Mu'];
  workgroupSize: [number, number, number] = [COVARIANCE_TILE * COVARIANCE_TILE, 1, 1];

  /** @param d columns of z. */
  constructor(d: number) {
    this.outputShape = [d, d];
    const tiles = Math.ceil(d / COVARIANCE_TILE);
    const folded = tiles + (tiles & 1);
    // Upper block triangle, rows g and folded-1-g packed into one row of folded+1 tiles.
    this.dispatch = [(folded / 2) * (folded + 1), 1, 1];
  }

  /** WGSL body. */
  getUserCode(): string {
    return `
  const TILE : i32 = ${COVARIANCE_TILE};
  var<workgroup> tileI : array<f32, ${COVARIANCE_TILE * COVARIANCE_TILE}>;
  var<workgroup> tileJ : array<f32, ${COVARIANCE_TILE * COVARIANCE_TILE}>;

  fn main(index : i32) {
    let rows = uniforms.zShape.x;
    let cols = uniforms.zShape.y;
    let T = (cols + TILE - 1) / TILE;
    let TF = T + (T & 1);
    let wg = i32(workgroupId.x);
    let g = wg / (TF + 1);
    let o = wg - g * (TF + 1);
    var I = g;
    var J = g + o;
    if (o >= TF - g) {
      I = TF - 1 - g;
      J = I + (o - (TF - g));
    }
    // J == T is a padding tile: it loads zeros and stores nothing (no early return, so
    // the barriers below stay in uniform control flow).
    let lr = i32(localIndex) / TILE;
    let lc = i32(localIndex) - lr * TILE;
    let ci = I * TILE + lc;
    let cj = J * TILE + lc;
    var mi = 0.0;
    var mj = 0.0;
    if (ci < cols) { mi = Mu[ci]; }
    if (cj < cols) { mj = Mu[cj]; }

    var acc = 0.0;
    for (var r0 = 0; r0 < rows; r0 += TILE) {
      let r = r0 + lr;
      var a = 0.0;
      var b = 0.0;
      if (r < rows && ci < cols) { a = Z[r * cols + ci] - mi; }
      if (r < rows && cj < cols) { b = Z[r * cols + cj] - mj; }
      tileI[lr * TILE + lc] = a;
      tileJ[lr * TILE + lc] = b;
      workgroupBarrier();
      for (var k = 0; k < TILE; k++) { acc += tileI[k * TILE + lr] * tileJ[k * TILE + lc]; }
      workgroupBarrier();
    }

    let i = I * TILE + lr;
    let j = J * TILE + lc;
    if (i < cols && j < cols) {
      let v = acc / f32(rows);
      result[i * cols + j] = v;
      if (I != J) { result[j * cols + i] = v; }
    }
  }
`;
  }
}

/** kernelFunc of CovarianceCentered on webgpu: column means, then the centred Gram matrix. */
export const covarianceCenteredWebgpu: tf.KernelFunc = ({ inputs, backend }) => {
  const b = backend as WebGPUBackend;
  const z = inputs['z'] as tf.TensorInfo;
  const [, d] = checkInput(COVARIANCE_CENTERED, 'z', z, { shape: 'rows', float32: true });
  const mu = b.runWebGPUProgram(new ColumnMeanProgram(d), [z], 'float32');
  const out = b.runWebGPUProgram(new CenteredGramProgram(d), [z, mu], 'float32');
  b.disposeData(mu.dataId);
  return out;
};

/** Registers the WGSL CovarianceCentered for 'webgpu', replacing any other registration. Idempotent. */
export function registerCovarianceWebgpu(): void {
  replaceKernel({ kernelName: COVARIANCE_CENTERED, backendName: 'webgpu', kernelFunc: covarianceCenteredWebgpu });
}
