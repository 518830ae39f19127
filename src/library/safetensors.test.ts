import { describe, expect, it } from 'vitest';
import { safetensorsBytes } from './safetensors';

describe('safetensorsBytes', () => {
  it('writes the header length, a space-padded JSON header with byte ranges and metadata, then the little-endian floats', () => {
    const bytes = safetensorsBytes({ step: 3, tensors: [{ name: 'a', shape: [2], data: new Float32Array([1, -2]) }, { name: 'b/c', shape: [1, 1], data: new Float32Array([0.5]) }] }, { step: '3' });
    const view = new DataView(bytes.buffer);
    const headerLength = Number(view.getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
    expect(header).toEqual({ __metadata__: { step: '3' }, a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, 'b/c': { dtype: 'F32', shape: [1, 1], data_offsets: [8, 12] } });
    const data = 8 + headerLength;
    expect(bytes.length).toBe(data + 12);
    expect([view.getFloat32(data, true), view.getFloat32(data + 4, true), view.getFloat32(data + 8, true)]).toEqual([1, -2, 0.5]);
  });
});
