/**
 * The pdf.js worker, bundled by Vite and served from the app's own origin (CSP: worker-src 'self').
 * Polyfills first, then pdf.js's worker, which starts listening on this worker's port on import.
 */
import './polyfills';
import 'pdfjs-dist/build/pdf.worker.min.mjs';
