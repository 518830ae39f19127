/**
 * Registers every WGSL kernel of the project for the tfjs 'webgpu' backend:
 * LogDetSPD and InverseSPD (./logdet/webgpu.ts), SymEigvals (./symeig/webgpu.ts) and
 * CovarianceCentered (./covariance/webgpu.ts), replacing any read-back stand-ins, plus
 * the backend-independent registrations they rely on (the other backends' kernels and
 * the gradients). Call it once the webgpu backend is ready; calling it again is a no-op.
 */
import { registerCovarianceCpu, registerCovarianceGradient } from './covariance';
import { registerCovarianceWebgpu } from './covariance/webgpu';
import { COVARIANCE_CENTERED } from './covariance/names';
import { registerLogdetGradients } from './logdet';
import { INVERSE_SPD, LOGDET_SPD } from './logdet/names';
import { registerLogdetWebgpuKernels } from './logdet/webgpu';
import { registerSymEigvalsKernels } from './symeig';
import { SYM_EIGVALS } from './symeig/names';
import { registerSymEigvalsWebgpu } from './symeig/webgpu';

/** Kernel names that `registerWebgpuKernels` gives a WGSL implementation. */
export const WEBGPU_KERNEL_NAMES = [LOGDET_SPD, INVERSE_SPD, SYM_EIGVALS, COVARIANCE_CENTERED] as const;

/** Registers all WGSL kernels for 'webgpu' (and what they depend on). Idempotent. */
export function registerWebgpuKernels(): void {
  registerLogdetWebgpuKernels();
  registerLogdetGradients();
  registerSymEigvalsKernels();
  registerSymEigvalsWebgpu();
  registerCovarianceCpu();
  registerCovarianceGradient();
  registerCovarianceWebgpu();
}
