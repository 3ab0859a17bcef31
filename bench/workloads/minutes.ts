import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderMinutes, minutesFormats } from '../../electron/core/minutes/render/index';
import { seedMinutesDocument } from '../../electron/core/minutes/testing/seedMinutes';
import { MinutesDocument } from '../../shared/minutes/model';
import { median, type Workload } from '../harness';
import { notes } from './packs';

// Built to dist/bench/run.cjs; the seeds stay in the sources.
const seedsDir = path.resolve(__dirname, '..', '..', 'resources', 'seeds');

/** The seed meeting's minutes grown to ten items (two more business items like the budget and data ones). */
function tenItemMeeting(): MinutesDocument {
  const doc = seedMinutesDocument(seedsDir);
  const extra = [doc.items[4], doc.items[5]].flatMap((item, i) =>
    item ? [{ ...item, itemNumber: String(9 + i), minuteNumber: 1091 + i, title: `${item.title} (continued)` }] : [],
  );
  return MinutesDocument.parse({ ...doc, items: [...doc.items, ...extra] });
}

/**
 * Export time for a 10-item meeting: Word, PDF, HTML and Open Civic Data JSON, each in English, one
 * after the other (what "export everything" on the clerk's screen costs), against serialising the
 * same document as plain JSON, the floor any export stands on.
 */
export function minutesExport(): Workload {
  const doc = tenItemMeeting();
  const perFormat: Record<string, number[]> = {};
  return {
    name: 'minutes-export',
    description: 'DOCX + PDF + HTML + JSON export of a 10-item meeting (layout, docx, pdfkit with embedded fonts, OCD/Popolo mapping) vs JSON.stringify of the same minutes document.',
    repeats: Number(process.env.BENCH_REPEATS ?? 5),
    baseline: {
      name: 'JSON.stringify(document)',
      setup: () => undefined,
      run: () => {
        if (JSON.stringify(doc).length === 0) throw new Error('empty');
      },
      teardown: () => undefined,
    },
    subject: {
      name: 'renderMinutes × 4 formats',
      setup: () => undefined,
      run: async () => {
        for (const format of minutesFormats) {
          const started = performance.now();
          const bytes = await renderMinutes(doc, format, 'en-GB');
          (perFormat[format] ??= []).push(performance.now() - started);
          if (bytes.byteLength === 0) throw new Error(`empty ${format}`);
        }
      },
      teardown: () => {
        const runs = Number(process.env.BENCH_REPEATS ?? 5);
        if ((perFormat.docx?.length ?? 0) === runs) {
          notes.push(`minutes-export per format (median of ${runs}): ${minutesFormats.map((f) => `${f} ${median(perFormat[f] ?? []).toFixed(1)} ms`).join(', ')}`);
        }
      },
    },
  };
}
