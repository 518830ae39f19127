/**
 * The tensors file of an exported project (weights.bin, data.bin; read by
 * python/collapselab/tensorfile.py): a little-endian uint32 header length, a UTF-8 JSON
 * header `{ meta, tensors: [{ name, dtype, shape, offset }] }`, then each tensor's raw
 * little-endian values at `offset` bytes after the header. Pure: no tfjs.
 */

/** The element types the file holds. */
export type TensorDtype = 'float32' | 'int32' | 'uint8';

/** One named tensor. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

function dtypeOf(data: NamedTensor['data']): TensorDtype {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  return 'uint8';
}

/** Typed arrays are written as they sit in memory, which is little-endian on every platform tfjs runs on; checked once. */
function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('Exporting needs a little-endian machine.');
}

/** Encodes tensors and a JSON-able `meta` into the file's bytes. */
export function encodeTensorFile(tensors: readonly NamedTensor[], meta: unknown = {}): Uint8Array {
  assertLittleEndian();
  let offset = 0;
  const entries = tensors.map((t) => {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`${t.name}: shape [${t.shape.join(', ')}] holds ${count} values, the data has ${t.data.length}.`);
    const entry = { name: t.name, dtype: dtypeOf(t.data), shape: t.shape, offset };
    offset += t.data.byteLength;
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ meta, tensors: entries }));
  const out = new Uint8Array(4 + header.length + offset);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let at = 4 + header.length;
  for (const t of tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

/** Decodes the file's bytes (the inverse of `encodeTensorFile`). */
export function decodeTensorFile(bytes: Uint8Array): { tensors: NamedTensor[]; meta: unknown } {
  assertLittleEndian();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as {
    meta: unknown;
    tensors: { name: string; dtype: TensorDtype; shape: number[]; offset: number }[];
  };
  const base = 4 + headerLength;
  const tensors = header.tensors.map((e) => {
    const count = e.shape.reduce((a, b) => a * b, 1);
    const size = e.dtype === 'uint8' ? 1 : 4;
    const copy = bytes.slice(base + e.offset, base + e.offset + count * size).buffer;
    const data = e.dtype === 'float32' ? new Float32Array(copy) : e.dtype === 'int32' ? new Int32Array(copy) : new Uint8Array(copy);
    return { name: e.name, shape: e.shape, data };
  });
  return { tensors, meta: header.meta };
}
