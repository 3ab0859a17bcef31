import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings } from '../../shared/domain/settings';
import { connectToCore } from './api/chamberApi';
import { App, loadReaderPage } from './App';
import { loadReaderEarly } from './reader/readerLoad';
import { NoConnection } from './pages/NoConnection';
import { initI18n } from './i18n';
import { applyDisplay } from './preferences/display';
import './styles/tokens.css';
import './styles.css';
import './styles/reader.css';
import './styles/base.css';
import './live/live.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const api = connectToCore();
  // Opening straight onto a pack (a reload, a link, the bench): its code and pdf.js's worker load
  // beside the settings, and the first render already has the reader rather than a fallback.
  const reader =
    api && /^#\/meetings\/[^/]+\/pack/.test(window.location.hash)
      ? loadReaderPage()
          .then(() => import('./reader/pdf'))
          .then((pdf) => void pdf.ensureWorker())
      : null;
  if (reader && api) loadReaderEarly(api, window.location.hash);
  const settings = api ? await api.getSettings({}) : null;
  const chosen = settings?.ok ? settings.value : defaultSettings;
  applyDisplay(chosen);
  await initI18n(chosen.language);
  await reader?.catch(() => undefined);
  root.render(<StrictMode>{api ? <App api={api} /> : <NoConnection />}</StrictMode>);
  // pdf.js's worker starts with the app, not with the reader: opening a pack then waits for nothing
  // but its bytes. Loading it once the first screen is up keeps it off the start-up path.
  if (api) setTimeout(() => void import('./reader/pdf').then((pdf) => pdf.ensureWorker()), 0);
}

void start();
