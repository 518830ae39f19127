/**
 * Registers every WGSL kernel of the project for the tfjs 'webgpu' backend:
 * LogDetSPD and InverseSPD (./logdet/webgpu.ts), SymEigvals (./symeig/webgpu.ts) and
 * CovarianceCentered (./covariance/webgpu.ts), replacing any read-back stand-ins, plus
 * the backend-independent registrations they rely on (the other backends' kernels and
 * the gradients); and the two metrics-only kernels of the device metrics path
 * (src/metrics/collapseOnDevice.ts): CollapseScalars (./collapseScalars/webgpu.ts) and
 * RotatedSecondMoment (./secondMoment/webgpu.ts), which have no other-backend kernels
 * (their ops compose tfjs ops there). Call it once the webgpu backend is ready; calling
 * it again is a no-op.
 */
import { COLLAPSE_SCALARS } from './collapseScalars/names';
import { registerCollapseScalarsWebgpu } from './collapseScalars/webgpu';
import { registerCovarianceCpu, registerCovarianceGradient } from './covariance';
import { registerCovarianceWebgpu } from './covariance/webgpu';
import { COVARIANCE_CENTERED } from './covariance/names';
import { registerLogdetGradients } from './logdet';
import { INVERSE_SPD, LOGDET_SPD } from './logdet/names';
import { registerLogdetWebgpuKernels } from './logdet/webgpu';
import { registerSymEigvalsKernels } from './symeig';
import { SYM_EIGVALS } from './symeig/names';
import { ROTATED_SECOND_MOMENT } from './secondMoment/names';
import { registerRotatedSecondMomentWebgpu } from './secondMoment/webgpu';
import { registerSymEigvalsWebgpu } from './symeig/webgpu';

/** Kernel names that `registerWebgpuKernels` gives a WGSL implementation (each with a read-back twin in the kernel harness). */
export const WEBGPU_KERNEL_NAMES = [LOGDET_SPD, INVERSE_SPD, SYM_EIGVALS, COVARIANCE_CENTERED] as const;

/** The metrics-only kernel names `registerWebgpuKernels` also gives a WGSL implementation (checked in e2e/metricsGpu.spec.ts). */
export const METRICS_WEBGPU_KERNEL_NAMES = [COLLAPSE_SCALARS, ROTATED_SECOND_MOMENT] as const;

/** Registers all WGSL kernels for 'webgpu' (and what they depend on). Idempotent. */
export function registerWebgpuKernels(): void {
  registerLogdetWebgpuKernels();
  registerLogdetGradients();
  registerSymEigvalsKernels();
  registerSymEigvalsWebgpu();
  registerCovarianceCpu();
  registerCovarianceGradient();
  registerCovarianceWebgpu();
  registerCollapseScalarsWebgpu();
  registerRotatedSecondMomentWebgpu();
}
