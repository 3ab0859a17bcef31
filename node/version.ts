/** Replaced at build time by esbuild's `define`; the fallback keeps tests running from source. */
declare const __CHAMBER_VERSION__: string | undefined;

export const appVersion: string = typeof __CHAMBER_VERSION__ === 'string' ? __CHAMBER_VERSION__ : '0.0.0-dev';
