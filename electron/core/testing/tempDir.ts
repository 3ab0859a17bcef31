import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the OS temp folder; tests use real files, never in-memory databases. */
export function makeTempDir(prefix = 'chamber-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
