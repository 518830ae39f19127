/** Simple statistics of loaded inputs. */

/** Per-channel mean of interleaved values (`channels` values per pixel or point, last axis fastest). */
export function channelMean(x: Float32Array, channels: number): number[] {
  const sums = new Float64Array(channels);
  for (let i = 0; i < x.length; i++) sums[i % channels]! += x[i]!;
  const rows = x.length / channels;
  return Array.from(sums, (s) => (rows > 0 ? s / rows : 0));
}
