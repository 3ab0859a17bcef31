import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import i18next from 'i18next';
import type { Language } from '../../shared/domain/settings';
import enGB from '../../resources/locales/en-GB.json';
import cy from '../../resources/locales/cy.json';

/**
 * The native menu. Its commands replay the app's own keyboard shortcuts into the page (trusted
 * input events), so the renderer keeps one code path per command and the preload stays exactly
 * the contract. registerAccelerator is off so the menu shows the shortcut without swallowing it.
 */
export async function installMenu(window: () => BrowserWindow | null, language: Language): Promise<void> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'en-GB': { translation: enGB }, cy: { translation: cy } }, lng: language, fallbackLng: 'en-GB', interpolation: { escapeValue: false } });
  const t = i18n.t.bind(i18n);
  const shortcut = (key: string) => () => {
    const contents = window()?.webContents;
    if (!contents) return;
    const modifiers: ('control' | 'alt')[] = ['control', 'alt'];
    contents.sendInputEvent({ type: 'keyDown', keyCode: key, modifiers });
    contents.sendInputEvent({ type: 'keyUp', keyCode: key, modifiers });
  };
  const command = (label: string, key: string): MenuItemConstructorOptions => ({
    label,
    accelerator: `Ctrl+Alt+${key}`,
    registerAccelerator: false,
    click: shortcut(key),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [command(t('menu.importPack'), 'I'), command(t('menu.newMeeting'), 'N'), { type: 'separator' }, { role: process.platform === 'darwin' ? 'close' : 'quit' }],
    },
    { role: 'editMenu' },
    { label: t('menu.go'), submenu: [command(t('menu.search'), 'F')] },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  // Packaged builds drop the developer tools entries that viewMenu carries.
  if (app.isPackaged) template.splice(template.findIndex((m) => m.role === 'viewMenu'), 1);
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
