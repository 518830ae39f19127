/**
 * The lessons shipped in lessons/*.json (one file, one lesson), read and checked at build
 * time against the lesson schema and the demo presets they name (src/lessons/lesson.ts).
 * A file that does not check out is left out of the menu and reported as a notice.
 */
import { parseLessons, type Lesson } from '../../src/lessons/lesson';
import { PRESETS } from '../presets/presets';

const files = import.meta.glob<unknown>('../../lessons/*.json', { eager: true, import: 'default' });

/** The shipped lessons, in menu order, and a sentence per bad file. */
export const LESSONS = parseLessons(
  files,
  PRESETS.presets.map((p) => p.id),
);

/** The lesson of id `id`, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.lessons.find((l) => l.id === id);
}
