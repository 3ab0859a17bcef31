/**
 * The one Content Security Policy for the renderer: injected as a meta tag into the built HTML (for
 * Electron's file:// load) and sent as a header by the browser host. No inline script, no eval, no
 * remote origins.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Directives only honoured as a header (ignored in meta tags). */
export const headerOnlyDirectives = "frame-ancestors 'none'";
