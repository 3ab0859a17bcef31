import { execFileSync } from 'node:child_process';

/** Builds the Node bundles (a second or two) so tests exercise what users run. */
export default function setup(): void {
  if (process.env.CHAMBER_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs', 'node'], { stdio: 'inherit' });
}
