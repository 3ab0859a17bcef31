import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './shared/security/csp';

/** Puts the one CSP into the built HTML so Electron's file:// load enforces it too. */
function cspMeta(): Plugin {
  return {
    name: 'chamber-csp-meta',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // pdf.js's worker is one ~1.1 MB file by design; it is lazy-loaded with the reader.
    chunkSizeWarningLimit: 1400,
  },
});
