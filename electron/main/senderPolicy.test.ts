import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, isTrustedSender } from './senderPolicy';

const trusted = { webContentsId: 1, entryUrl: 'file:///opt/Chamber/resources/app.asar/dist/renderer/index.html' };
const ours = { url: `${trusted.entryUrl}#/meetings/new`, isMainFrame: true, webContentsId: 1 };

describe('IPC sender policy', () => {
  it('accepts our own top-level renderer page, whatever route it is on', () => {
    expect(isTrustedSender(ours, trusted)).toBe(true);
  });

  it.each([
    ['an iframe inside our page', { ...ours, isMainFrame: false }],
    ['another window (WebContents)', { ...ours, webContentsId: 2 }],
    ['a remote page', { ...ours, url: 'https://evil.example/index.html' }],
    ['another local file', { ...ours, url: 'file:///tmp/evil.html' }],
    ['a data: URL', { ...ours, url: 'data:text/html,<script>1</script>' }],
    ['a malformed URL', { ...ours, url: 'not a url' }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender(frame, trusted)).toBe(false);
  });

  it('refuses everything when there is no frame or no window', () => {
    expect(isTrustedSender(null, trusted)).toBe(false);
    expect(isTrustedSender(ours, null)).toBe(false);
  });
});

describe('openExternal policy', () => {
  it.each([
    ['https://www.worcestershire.gov.uk/', true],
    ['http://www.worcestershire.gov.uk/', false],
    ['https://user:pass@example.org/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});
