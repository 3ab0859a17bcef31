import { app, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './senderPolicy';

/**
 * Applied to every WebContents the app ever creates: no navigation away from the app, no new
 * windows (https links go to the system browser), no webviews, no permissions.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app.whenReady().then(
    () => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
    },
    () => undefined,
  );
}
