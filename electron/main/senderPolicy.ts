/**
 * Decides whether an IPC message may be answered. Kept free of Electron types so it is unit-tested
 * with plain objects standing for foreign frames, iframes and navigated-away pages.
 */
export interface SenderFrame {
  url: string;
  /** True when the frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** The id of the WebContents the frame belongs to. */
  webContentsId: number;
}

export interface TrustedRenderer {
  webContentsId: number;
  /** The exact URL the app loaded (file:// index.html); anything else is foreign. */
  entryUrl: string;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, trusted: TrustedRenderer | null): boolean {
  if (!frame || !trusted) return false;
  if (!frame.isMainFrame || frame.webContentsId !== trusted.webContentsId) return false;
  let url: URL;
  let entry: URL;
  try {
    url = new URL(frame.url);
    entry = new URL(trusted.entryUrl);
  } catch {
    return false;
  }
  // Ignore the hash: the router lives there.
  return url.protocol === entry.protocol && url.host === entry.host && url.pathname === entry.pathname;
}

/** openExternal only for https links that carry no credentials. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
