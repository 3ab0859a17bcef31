import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { defaultSettings, Settings } from '../../shared/domain/settings';
import { CoreClient } from '../core/process/client';
import { startCoreProcess } from './coreProcess';
import { unlockForDesktop } from './dataKey';
import { bindContractToIpc } from './ipc';
import { installMenu } from './menu';
import { hardenApp } from './security';
import type { TrustedRenderer } from './senderPolicy';

// Built to dist/electron/main.cjs; renderer, preload and core are siblings under dist/.
const dist = path.resolve(__dirname, '..');
const rendererEntry = path.join(dist, 'renderer', 'index.html');

hardenApp();
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 520,
    title: 'Chamber',
    show: false,
    webPreferences: {
      preload: path.join(dist, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererEntry);
  return win;
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.whenReady().then(
  async () => {
    const dataDir = process.env.CHAMBER_DATA_DIR ?? app.getPath('userData');
    const unlock = await unlockForDesktop(dataDir);
    if (!unlock) {
      app.exit(1);
      return;
    }
    core = new CoreClient(startCoreProcess(path.join(dist, 'core', 'utility.cjs'), dataDir), unlock);
    const trusted = (): TrustedRenderer | null =>
      mainWindow && !mainWindow.isDestroyed()
        ? { webContentsId: mainWindow.webContents.id, entryUrl: pathToFileURL(rendererEntry).href }
        : null;
    bindContractToIpc(core, trusted);
    mainWindow = createWindow();
    // The menu speaks the language the member chose; it follows a change at the next start.
    void core.call('getSettings', {}).then((answer) => {
      const settings = answer.ok ? Settings.safeParse(answer.value) : null;
      return installMenu(() => mainWindow, settings?.success ? settings.data.language : defaultSettings.language);
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  },
  (error: unknown) => {
    console.error(error);
    app.exit(1);
  },
);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  // Let the core finish queued writes and close SQLite before the process goes.
  event.preventDefault();
  quitting = true;
  void core.close().finally(() => app.quit());
});
