/**
 * The header's teaching controls: the lesson select (a lesson opens beside the charts) and
 * the presenter-mode switch (larger charts and text for a projector; `present=1` in the link).
 */
import { useStore } from 'zustand';
import { useRunStore } from '../store/hooks';
import { setPresent, useHidden, usePresent } from './classroom';
import { LESSONS } from './lessons';
import { lessonStore, openLesson } from './lessonStore';

/** The lesson select and the presenter switch. */
export function TeachControls() {
  const ready = useRunStore((s) => s.catalog !== null);
  const open = useStore(lessonStore, (s) => s.lesson?.id ?? '');
  const hidden = useHidden('lessons');
  const present = usePresent();
  return (
    <span className="teach-controls">
      {!hidden && (
        <select
          data-testid="lesson-select"
          aria-label="Open a guided lesson"
          value={open}
          disabled={!ready || LESSONS.lessons.length === 0}
          onChange={(e) => {
            const lesson = LESSONS.lessons.find((l) => l.id === e.target.value);
            if (lesson) openLesson(lesson, 0);
          }}
        >
          <option value="">{LESSONS.lessons.length > 0 ? 'Lessons…' : 'No lessons'}</option>
          {LESSONS.lessons.map((l) => (
            <option key={l.id} value={l.id} title={l.summary}>
              {l.title}
            </option>
          ))}
        </select>
      )}
      <button type="button" className={`btn${present ? ' is-on' : ''}`} data-testid="btn-present" aria-pressed={present} onClick={() => setPresent(!present)} title="Presenter mode: larger charts and text for a projector">
        {present ? 'Presenting' : 'Present'}
      </button>
    </span>
  );
}
