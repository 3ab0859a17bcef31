import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import { startTestEndpoint, type TestEndpoint } from '../../endpoint/testing/testEndpoint';
import type { Workload } from '../harness';

const dist = path.resolve(__dirname, '..');
const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-bench-'));
const meetings = 20;
const member = { name: 'Cllr Bench', email: 'bench@council.example', role: 'councillor' as const, password: 'bench password 1', committees: ['Planning Panel'] };

function samplePack(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'sample-packs', 'manifest.json'), 'utf8')) as { packs: { file: string; meeting: { date: string } | null; revisions?: unknown; language: string }[] };
  const pack = manifest.packs.find((p) => p.meeting?.date === '2022-01-17' && !p.revisions && p.language === 'en-GB');
  if (!pack) throw new Error('sample pack missing');
  return path.join(dist, 'sample-packs', pack.file);
}

/**
 * A new device's first sync: sign in, pull 20 published meetings of the next three weeks, download
 * each one's 40-page pack (Range-capable, hash checked) and import it through the ordinary
 * importer, against importing the same 20 packs from disk into a fresh data directory: the cost of
 * the endpoint round trips on top of the local work a device must do anyway.
 */
export function firstSync(): Workload {
  let endpoint: TestEndpoint | null = null;
  let core: Core | null = null;
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  let subjectRuns = 0;
  return {
    name: 'first-sync',
    description: `First sync of a new device with ${meetings} published meetings of packs (endpoint on 127.0.0.1 over embedded PostgreSQL; sign-in, pull, ${meetings} downloads, ${meetings} imports) vs importPackFile of the same ${meetings} packs from disk.`,
    repeats,
    baseline: {
      name: `importPackFile × ${meetings}`,
      setup: () => {
        core = openCore({ dataDir: fresh(), distDir: dist });
      },
      run: async () => {
        for (let i = 0; i < meetings; i += 1) await core?.importPackFile(samplePack());
      },
      teardown: () => core?.close(),
    },
    subject: {
      name: `sign in + syncNow (${meetings} meetings)`,
      setup: async () => {
        if (!endpoint) {
          endpoint = await startTestEndpoint();
          await endpoint.addUser(member);
          for (let i = 0; i < meetings; i += 1) {
            const date = new Date(Date.now() + (i + 1) * 86_400_000).toISOString().slice(0, 10);
            await endpoint.publish({ committee: 'Planning Panel', title: `Planning Panel ${i + 1}`, date, startTime: '10:00', venue: 'County Hall', items: [] }, { file: samplePack() });
          }
        }
        core = openCore({ dataDir: fresh(), distDir: dist });
      },
      run: async () => {
        const signedIn = await core?.call('signInToEndpoint', { endpoint: endpoint?.url ?? '', email: member.email, password: member.password });
        if (!signedIn?.ok) throw new Error('sign-in failed');
        const synced = await core?.call('syncNow', {});
        if (!synced?.ok) throw new Error(synced?.error.message);
        const packs = await core?.call('listMeetings', {});
        if (!packs?.ok || packs.value.length !== meetings) throw new Error('not every meeting arrived');
      },
      teardown: async () => {
        core?.close();
        subjectRuns += 1;
        if (subjectRuns === repeats) await endpoint?.close();
      },
    },
  };
}
