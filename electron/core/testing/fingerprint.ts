import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every file under a directory with its hash: "untouched" means this is equal before and after. */
export function fingerprint(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}
