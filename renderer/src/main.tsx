import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings } from '../../shared/domain/settings';
import { connectToCore } from './api/chamberApi';
import { App } from './App';
import { NoConnection } from './pages/NoConnection';
import { initI18n } from './i18n';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const api = connectToCore();
  const settings = api ? await api.getSettings({}) : null;
  await initI18n(settings?.ok ? settings.value.language : defaultSettings.language);
  root.render(<StrictMode>{api ? <App api={api} /> : <NoConnection />}</StrictMode>);
}

void start();
