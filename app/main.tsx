/** Entry point: start the engine (once, outside React) and render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startEngine } from './engine/startEngine';
import { PRESETS } from './presets/presets';
import { addNotice } from './store/runStore';
import './styles.css';

startEngine();
for (const e of PRESETS.errors) addNotice('warning', 'invalid-config', e);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
