import { describe, expect, it } from 'vitest';
import { metricsPathFor } from './metricsPath';

describe('metricsPathFor', () => {
  it('computes on the device only on webgpu', () => {
    expect(metricsPathFor('webgpu')).toBe('device');
    for (const b of ['cpu', 'wasm', 'webgl']) expect(metricsPathFor(b)).toBe('host');
  });
});
