// Type-checks each part of the app against its own environment (see tsconfig.json).
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'renderer', 'node', 'endpoint', 'electron', 'e2e'];
let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${project}.json`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck: tsconfig.${project}.json failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
