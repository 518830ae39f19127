/**
 * The page: header (title, run controls, lessons, presets, share, backend), controls on the left,
 * charts in the middle and an open lesson on the right. A classroom link hides chosen controls;
 * presenter mode enlarges charts and text (app/lessons/classroom.ts).
 */
import { ChartGrid } from './charts/ChartGrid';
import { BackendBanner } from './components/BackendBanner';
import { CompareBar } from './components/CompareBar';
import { DatasetPicker } from './components/DatasetPicker';
import { LibraryPanel } from './components/LibraryPanel';
import { MethodList } from './components/MethodList';
import { ModelControls } from './components/ModelControls';
import { Notices } from './components/Notices';
import { PresetMenu } from './components/PresetMenu';
import { PytorchExportButton } from './components/PytorchExportButton';
import { ResumeOffer } from './components/ResumeOffer';
import { PresetPanel } from './components/PresetPanel';
import { RunControls } from './components/RunControls';
import { ShareButton } from './components/ShareButton';
import { TaskControls } from './components/TaskControls';
import { useStore } from 'zustand';
import { classroomStore } from './lessons/classroom';
import { LessonPanel } from './lessons/LessonPanel';
import { awaitsPrediction, lessonStore } from './lessons/lessonStore';
import { TeachControls } from './lessons/TeachControls';
import { useRunStore } from './store/hooks';

/** The whole app. */
export function App() {
  const ready = useRunStore((s) => s.catalog !== null);
  const { hide, present } = useStore(classroomStore);
  const shown = (target: (typeof hide)[number]): boolean => !hide.includes(target);
  const lessonOpen = useStore(lessonStore, (s) => s.lesson !== null);
  // A classroom link that hides every panel of the left column leaves the charts its width.
  const sidebar = !(['dataset', 'model', 'task', 'methods', 'library'] as const).every((t) => hide.includes(t));
  const waitsForPrediction = useStore(lessonStore, awaitsPrediction);
  return (
    <div className={`app${present ? ' app--present' : ''}${lessonOpen ? ' app--lesson' : ''}${sidebar ? '' : ' app--no-sidebar'}`} data-hidden={hide.join(' ')}>
      <header className="app-header">
        <div className="app-header__top">
          <div className="brand">
            <span className="brand__logo" aria-hidden="true">
              ◣
            </span>
            <div>
              <h1>Collapse Lab</h1>
              <p className="brand__tagline">Train a small network in your browser. Watch its representation collapse, then cure it.</p>
            </div>
          </div>
          <div className="app-header__actions">
            <TeachControls />
            {shown('presets') && <PresetMenu />}
            <ShareButton />
            <PytorchExportButton />
          </div>
        </div>
        <BackendBanner />
      </header>
      <div className="toolbar">
        {/* A lesson's run waits for the learner's prediction: every run control is off until then. */}
        <fieldset className="run-gate" disabled={waitsForPrediction} title={waitsForPrediction ? 'Make your prediction in the lesson first' : undefined}>
          <RunControls />
        </fieldset>
        {shown('compare') && <CompareBar />}
      </div>
      <main className="layout">
        {sidebar && (
          <aside className="sidebar" aria-label="Controls">
            {ready ? (
              <>
                {shown('dataset') && <DatasetPicker />}
                {shown('model') && <ModelControls />}
                {shown('task') && <TaskControls />}
                {shown('methods') && <MethodList />}
                {shown('library') && <LibraryPanel />}
              </>
            ) : (
              <div className="panel panel--loading">Starting the training engine…</div>
            )}
          </aside>
        )}
        <section className="content" aria-label="Charts">
          <ResumeOffer />
          <Notices />
          <PresetPanel />
          <ChartGrid />
        </section>
        <LessonPanel />
      </main>
      <footer className="app-footer">
        Collapse Lab trains entirely in this tab with TensorFlow.js. Nothing leaves your machine. The link in the address bar holds your whole setup.
      </footer>
    </div>
  );
}
