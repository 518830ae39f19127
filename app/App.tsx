/** The page: header (title, run controls, presets, share, backend), controls on the left, charts on the right. */
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
import { PresetPanel } from './components/PresetPanel';
import { RunControls } from './components/RunControls';
import { ShareButton } from './components/ShareButton';
import { TaskControls } from './components/TaskControls';
import { useRunStore } from './store/hooks';

/** The whole app. */
export function App() {
  const ready = useRunStore((s) => s.catalog !== null);
  return (
    <div className="app">
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
            <PresetMenu />
            <ShareButton />
            <PytorchExportButton />
          </div>
        </div>
        <BackendBanner />
      </header>
      <div className="toolbar">
        <RunControls />
        <CompareBar />
      </div>
      <main className="layout">
        <aside className="sidebar" aria-label="Controls">
          {ready ? (
            <>
              <DatasetPicker />
              <ModelControls />
              <TaskControls />
              <MethodList />
              <LibraryPanel />
            </>
          ) : (
            <div className="panel panel--loading">Starting the training engine…</div>
          )}
        </aside>
        <section className="content" aria-label="Charts">
          <Notices />
          <PresetPanel />
          <ChartGrid />
        </section>
      </main>
      <footer className="app-footer">
        Collapse Lab trains entirely in this tab with TensorFlow.js. Nothing leaves your machine. The link in the address bar holds your whole setup.
      </footer>
    </div>
  );
}
