import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { fasterBackend, speedKey } from './autoChoice';

describe('fasterBackend', () => {
  it('moves to the fastest measured backend only when it clearly beats the current one', () => {
    expect(fasterBackend('webgpu', { webgpu: 0.7, wasm: 16, webgl: 3 })).toBe('wasm');
    expect(fasterBackend('wasm', { webgpu: 0.7, wasm: 16, webgl: 3 })).toBeNull();
    expect(fasterBackend('wasm', { wasm: 10, webgl: 11 })).toBeNull();
    expect(fasterBackend('wasm', { wasm: 10, webgl: 13 })).toBe('webgl');
  });
  it('moves off a backend that failed to measure, and ignores backends that did not start', () => {
    expect(fasterBackend('webgpu', { webgpu: 0, wasm: 2 })).toBe('wasm');
    expect(fasterBackend('wasm', { wasm: 5, webgl: 0 })).toBeNull();
    expect(fasterBackend('wasm', {})).toBeNull();
  });
});

describe('speedKey', () => {
  it('changes with the run shape and the adapter, not with live knobs such as the learning rate or the seed', () => {
    const k = speedKey(DEFAULT_CONFIG, 'SwiftShader');
    expect(speedKey({ ...DEFAULT_CONFIG, lr: 0.1, seed: 9 }, 'SwiftShader')).toBe(k);
    expect(speedKey({ ...DEFAULT_CONFIG, width: 128 }, 'SwiftShader')).not.toBe(k);
    expect(speedKey({ ...DEFAULT_CONFIG, methods: ['sim'] }, 'SwiftShader')).not.toBe(k);
    expect(speedKey(DEFAULT_CONFIG, 'NVIDIA')).not.toBe(k);
  });
});
