/**
 * Weights as a safetensors file, the layout PyTorch, JAX and TensorFlow users load with the
 * `safetensors` package: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range (plus free-text metadata), padded with spaces to a
 * multiple of 8, then the raw little-endian bytes. Pure.
 */
import { float32Bytes, type RunWeights } from './weights';

/** The bytes of a safetensors file holding `weights`, with `metadata` (text values) in its header. */
export function safetensorsBytes(weights: RunWeights, metadata: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of weights.tensors) {
    const end = offset + t.data.length * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, end] };
    offset = end;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (new TextEncoder().encode(json).length % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of weights.tensors) {
    out.set(float32Bytes(t.data), at);
    at += t.data.length * 4;
  }
  return out;
}
