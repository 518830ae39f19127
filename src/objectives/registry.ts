/**
 * The loss-term registry: every baseline objective and seed method, by id.
 * Adding a method is one file exporting a LossTerm and one line here.
 */
import type { TermSpec } from '../catalog';
import { barlowTerm } from './barlow';
import { byolTerm } from './byol';
import { cirTerm } from './cir';
import { corinfomaxTerm } from './corinfomax';
import { crossEntropyTerm } from './crossEntropy';
import { imsvdTerm } from './imsvd';
import { maskmixTerm } from './maskmix';
import { naiveTerm } from './naive';
import { simTerm } from './sim';
import { simclrTerm } from './simclr';
import { simsiamTerm } from './simsiam';
import { supconTerm } from './supcon';
import type { LossTerm } from './term';
import { tripletTerm } from './triplet';
import { vicregTerm } from './vicreg';

/** Every loss term, by id. */
export const TERMS: Readonly<Record<string, LossTerm>> = {
  // Baseline objectives.
  naive: naiveTerm,
  simsiam: simsiamTerm,
  byol: byolTerm,
  vicreg: vicregTerm,
  barlow: barlowTerm,
  simclr: simclrTerm,
  ce: crossEntropyTerm,
  triplet: tripletTerm,
  supcon: supconTerm,
  // Seed methods.
  sim: simTerm,
  imsvd: imsvdTerm,
  corinfomax: corinfomaxTerm,
  cir: cirTerm,
  maskmix: maskmixTerm,
};

/** The term registered under `id` (an own property only: ids come from links and messages), or undefined. */
export function termById(id: string): LossTerm | undefined {
  return Object.hasOwn(TERMS, id) ? TERMS[id] : undefined;
}

/** The metadata of every term, for the catalog. */
export function termSpecs(): TermSpec[] {
  return Object.values(TERMS).map((t) => t.spec);
}
