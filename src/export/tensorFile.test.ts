import { describe, expect, it } from 'vitest';
import { decodeTensorFile, encodeTensorFile } from './tensorFile';

describe('tensor file', () => {
  it('round-trips float32, int32 and uint8 tensors with their shapes and meta', () => {
    const tensors = [
      { name: 'w', shape: [2, 3], data: new Float32Array([1, -2, 3.5, 0, 1e-30, -0]) },
      { name: 'y', shape: [3], data: new Int32Array([7, -1, 2 ** 31 - 1]) },
      { name: 'pixels', shape: [1, 2, 1], data: new Uint8Array([0, 255]) },
    ];
    const back = decodeTensorFile(encodeTensorFile(tensors, { step: 4 }));
    expect(back.meta).toEqual({ step: 4 });
    expect(back.tensors).toEqual(tensors);
  });

  it('writes the header length as a little-endian uint32 before the JSON header', () => {
    const bytes = encodeTensorFile([{ name: 'a', shape: [1], data: new Float32Array([2]) }]);
    const length = new DataView(bytes.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
    expect(header.tensors).toEqual([{ name: 'a', dtype: 'float32', shape: [1], offset: 0 }]);
    expect(new Float32Array(bytes.slice(4 + length).buffer)).toEqual(new Float32Array([2]));
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeTensorFile([{ name: 'bad', shape: [2, 2], data: new Float32Array(3) }])).toThrow(/bad: shape \[2, 2\] holds 4 values/);
  });
});
