import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { londonToday } from '../../electron/core/moderngov/calendar';
import { startModernGovSite, type ModernGovTestSite } from '../../electron/core/testing/modernGovSite';
import { median, type Workload } from '../harness';
import { notes } from './packs';

const dist = path.resolve(__dirname, '..');
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));

async function fetchCommittee(core: Core, url: string): Promise<void> {
  const site = await core.call('addModernGovSite', { url });
  if (!site.ok) throw new Error(site.error.message);
  const started = await core.call('startModernGovRefresh', { siteId: site.value.id, committeeId: 101 });
  if (!started.ok) throw new Error(started.error.message);
  for (;;) {
    const state = await core.call('getModernGovRefresh', started.value);
    if (!state.ok) throw new Error(state.error.message);
    if (state.value.state === 'failed') throw new Error(state.value.error?.message);
    if (state.value.state === 'succeeded') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A committee fetched from a Modern.gov site (the local test site on 127.0.0.1: two meetings, their
 * item reports downloaded, joined into packs, extracted and saved) against importing the same
 * 40-page sample pack from disk: the cost of getting packs from the site rather than a file.
 */
export function moderngovFetch(): Workload {
  let site: ModernGovTestSite | null = null;
  let core: Core | null = null;
  const unchanged: number[] = [];
  const samplePack = () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'sample-packs', 'manifest.json'), 'utf8')) as { packs: { file: string; meeting: { date: string } | null; revisions?: unknown; language: string }[] };
    const pack = manifest.packs.find((p) => p.meeting?.date === '2022-01-17' && !p.revisions && p.language === 'en-GB');
    if (!pack) throw new Error('sample pack missing');
    return path.join(dist, 'sample-packs', pack.file);
  };
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  return {
    name: 'moderngov-fetch',
    description:
      'chamber moderngov fetch of one committee from a local Modern.gov-shaped site (2 meetings, 4 report PDFs and 3 refused: download, join, worker extraction, one transaction each) vs importPackFile of the 40-page sample pack the reports were cut from.',
    repeats,
    baseline: {
      name: 'importPackFile 40-page pack',
      setup: () => {
        core = openCore({ dataDir: fresh(), distDir: dist });
      },
      run: async () => {
        await core?.importPackFile(samplePack());
      },
      teardown: () => core?.close(),
    },
    subject: {
      name: 'Modern.gov committee fetch',
      setup: async () => {
        site = await startModernGovSite({ samplePackDir: path.join(dist, 'sample-packs'), today: londonToday(new Date()) });
        core = openCore({ dataDir: fresh(), distDir: dist });
      },
      run: async () => {
        if (!core || !site) return;
        const started = performance.now();
        await fetchCommittee(core, site.url);
        const first = performance.now() - started;
        // Not timed in the subject: a second fetch where the site says nothing changed.
        const again = performance.now();
        await fetchCommittee(core, site.url);
        unchanged.push(performance.now() - again);
        if (unchanged.length === repeats) notes.push(`moderngov-fetch: re-fetch with nothing changed ${median(unchanged).toFixed(0)} ms median (validators, no downloads, no new pack version)`);
        return first;
      },
      teardown: async () => {
        core?.close();
        await site?.close();
      },
    },
  };
}
