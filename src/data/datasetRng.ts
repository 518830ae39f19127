/**
 * The random stream a dataset draws from. Mixing the dataset id into the run seed keeps
 * data generation and splitting independent of the other users of the same seed
 * (weight init, augmentations), while staying reproducible from the seed in the link.
 */
import { Rng } from '../util/rng';

/** A 32-bit FNV-1a hash of a string. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** The seeded generator for dataset `id` under run seed `seed`. */
export function datasetRng(seed: number, id: string): Rng {
  return new Rng((seed | 0) ^ hashString(`dataset:${id}`));
}
