import { execFileSync } from 'node:child_process';

/** Builds the Node bundles and the sample packs (a few seconds) so tests exercise what users run. */
export default function setup(): void {
  if (process.env.CHAMBER_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs', 'node', 'sample-packs'], { stdio: 'inherit' });
}
