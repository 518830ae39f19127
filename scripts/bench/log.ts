import { taggedLog } from '../lib/log.ts';

/** The benchmark's progress log (stderr). */
export const log = taggedLog('[bench]');
