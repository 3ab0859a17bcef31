/**
 * Finds and reads the seed texts in resources/seeds. The generator runs under tsx, vitest and, for
 * benchmarks, inside an esbuild CommonJS bundle, so it looks for the folder from wherever it can
 * rather than relying on import.meta, which the bundle does not have.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SEED_FILES = {
  agenda2022: 'agenda-pack-2022-01-17.txt',
  report2019: 'report-2019-11-05-information-sharing.txt',
  minutes2019: 'minutes-item-2019-11-05-information-sharing.txt',
  lga2021: 'lga-data-resources-pack-2021-03.txt',
} as const;

export type SeedName = keyof typeof SEED_FILES;

function searchUp(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'resources', 'seeds');
    if (existsSync(path.join(candidate, SEED_FILES.agenda2022))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function findSeedsDir(explicit?: string): string {
  if (explicit !== undefined) {
    if (!existsSync(path.join(explicit, SEED_FILES.agenda2022))) {
      throw new Error(`No seed texts in ${explicit}`);
    }
    return explicit;
  }
  const fromEnv = process.env.CHAMBER_SEEDS_DIR;
  if (fromEnv) return findSeedsDir(fromEnv);
  const starts = [typeof __dirname === 'string' ? __dirname : null, process.cwd()];
  for (const start of starts) {
    const found = start === null ? null : searchUp(start);
    if (found) return found;
  }
  throw new Error('Cannot find resources/seeds; run from the repository or set CHAMBER_SEEDS_DIR.');
}

export class Seeds {
  private readonly cache = new Map<SeedName, string>();

  constructor(readonly dir: string) {}

  read(name: SeedName): string {
    let text = this.cache.get(name);
    if (text === undefined) {
      text = readFileSync(path.join(this.dir, SEED_FILES[name]), 'utf8').replace(/\r\n?/g, '\n');
      this.cache.set(name, text);
    }
    return text;
  }
}
