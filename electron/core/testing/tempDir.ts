import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the OS temp folder; tests use real files, never in-memory databases. */
export function makeTempDir(prefix = 'chamber-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The built dist/ (the Vitest global set-up builds it first): worker entries and sample packs. */
export const distDir = path.resolve(import.meta.dirname, '..', '..', '..', 'dist');
