import { base64ToBytes } from '../api/base64';

/** Hands a file the core made (base64) to the browser's download, as the member's own copy. */
export function saveDownload(file: { fileName: string; data: string }, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(base64ToBytes(file.data))], { type: mediaType }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  // Long enough for the download to start; the object URL would otherwise live as long as the page.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
