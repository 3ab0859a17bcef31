import path from 'node:path';
import { passphraseEnv } from '../electron/core/security/keyStore';
import { measure, report, type Workload } from './harness';
import { annotationReanchor, annotationSave } from './workloads/annotations';
import { coldStart } from './workloads/coldStart';
import { encryptionImport, encryptionSearch } from './workloads/encryption';
import { firstSync } from './workloads/firstSync';
import { closeBenchEndpoint, endpointConcurrentPull, endpointPull, endpointPush } from './workloads/endpoint';
import { closeDocumentEndpoint, endpointDocumentDownload } from './workloads/endpointDocuments';
import { closeLoadEndpoint, endpointLoad } from './workloads/endpointLoad';
import { closeUpToDateEndpoint, endpointPullUpToDate, endpointPullUpToDateMillion } from './workloads/endpointUpToDate';
import { meetingInserts } from './workloads/meetingInserts';
import { minutesExport } from './workloads/minutes';
import { moderngovFetch } from './workloads/moderngov';
import { importStall, notes, packImport, packSearch } from './workloads/packs';
import { readerJump, readerOpen } from './workloads/reader';

/** `npm run bench [name…]`: runs the named workloads (all by default) and appends to RESULTS.md. */
const workloads: Record<string, () => Workload> = {
  'cold-start': coldStart,
  'meeting-inserts': meetingInserts,
  'pack-import': packImport,
  'pack-search': packSearch,
  'import-stall': importStall,
  'reader-open': readerOpen,
  'reader-jump': readerJump,
  'moderngov-fetch': moderngovFetch,
  'annotation-save': annotationSave,
  'annotation-reanchor': annotationReanchor,
  'minutes-export': minutesExport,
  'encryption-import': encryptionImport,
  'encryption-search': encryptionSearch,
  'first-sync': firstSync,
  'endpoint-push': endpointPush,
  'endpoint-pull': endpointPull,
  'endpoint-pull-50-clients': endpointConcurrentPull,
  'endpoint-pull-up-to-date': endpointPullUpToDate,
  'endpoint-pull-up-to-date-1m': endpointPullUpToDateMillion,
  'endpoint-document-download': endpointDocumentDownload,
  'endpoint-load': endpointLoad,
};

// Benchmarks measure the app as shipped, so on encrypted data; the passphrase only has to unlock
// the throwaway data directories the workloads create.
process.env[passphraseEnv] ??= 'chamber-benchmarks';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in workloads));
  if (unknown.length > 0) throw new Error(`Unknown workload(s): ${unknown.join(', ')}. Known: ${Object.keys(workloads).join(', ')}`);
  const names = wanted.length > 0 ? wanted : Object.keys(workloads);
  const measurements = [];
  try {
    for (const name of names) {
      const make = workloads[name];
      if (!make) continue;
      console.log(`▶ ${name}`);
      measurements.push(await measure(make()));
    }
  } finally {
    // Also when a workload fails: endpoint processes in their own process groups and the embedded
    // PostgreSQL would outlive the exit.
    await closeBenchEndpoint();
    await closeUpToDateEndpoint();
    await closeLoadEndpoint();
    await closeDocumentEndpoint();
  }
  // Built to dist/bench/run.cjs; results live beside the sources.
  console.log(`\n${report(measurements, notes, path.resolve(__dirname, '..', '..', 'bench', 'RESULTS.md'))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
