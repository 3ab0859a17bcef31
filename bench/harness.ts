import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One timed thing: `setup` is not timed, `run` is. A `run` that answers a number reports its own
 * measurement in ms (e.g. navigation to first paint, excluding the browser launch around it).
 */
export interface Variant {
  name: string;
  setup?: () => Promise<void> | void;
  run: () => Promise<number | void> | number | void;
  teardown?: () => Promise<void> | void;
}

/** A workload compares what Chamber does against a baseline measured in the same run. */
export interface Workload {
  name: string;
  description: string;
  repeats: number;
  baseline: Variant;
  subject: Variant;
}

export interface Measurement {
  workload: string;
  description: string;
  baseline: string;
  subject: string;
  repeats: number;
  baselineMedianMs: number;
  subjectMedianMs: number;
  ratio: number;
  baselineRunsMs: number[];
  subjectRunsMs: number[];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function time(variant: Variant): Promise<number> {
  await variant.setup?.();
  const started = process.hrtime.bigint();
  const own = await variant.run();
  const elapsed = typeof own === 'number' ? own : Number(process.hrtime.bigint() - started) / 1e6;
  await variant.teardown?.();
  return elapsed;
}

/** Alternates baseline and subject so drift on a shared machine hits both alike. */
export async function measure(workload: Workload): Promise<Measurement> {
  const baselineRunsMs: number[] = [];
  const subjectRunsMs: number[] = [];
  for (let i = 0; i < workload.repeats; i++) {
    baselineRunsMs.push(await time(workload.baseline));
    subjectRunsMs.push(await time(workload.subject));
    process.stdout.write(`  ${workload.name} run ${i + 1}/${workload.repeats}: baseline ${fmt(baselineRunsMs.at(-1) ?? 0)} ms, subject ${fmt(subjectRunsMs.at(-1) ?? 0)} ms\n`);
  }
  const baselineMedianMs = median(baselineRunsMs);
  const subjectMedianMs = median(subjectRunsMs);
  return {
    workload: workload.name,
    description: workload.description,
    baseline: workload.baseline.name,
    subject: workload.subject.name,
    repeats: workload.repeats,
    baselineMedianMs,
    subjectMedianMs,
    ratio: subjectMedianMs / baselineMedianMs,
    baselineRunsMs,
    subjectRunsMs,
  };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

export function report(measurements: Measurement[], notes: readonly string[], resultsFile: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    '',
    '| workload | baseline | subject | runs | baseline median | subject median | ratio |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
    ...measurements.map(
      (m) => `| ${m.workload} | ${m.baseline} | ${m.subject} | ${m.repeats} | ${fmt(m.baselineMedianMs)} ms | ${fmt(m.subjectMedianMs)} ms | ${m.ratio.toFixed(2)}× |`,
    ),
    '',
    ...measurements.map((m) => `- **${m.workload}**: ${m.description}`),
    ...notes.map((n) => `- ${n}`),
    '',
  ];
  const text = lines.join('\n');
  if (!fs.existsSync(resultsFile)) {
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, '# Benchmark results\n\nAppended by `npm run bench`; each table was measured in one run, baseline and subject alternating.\n\n');
  }
  fs.appendFileSync(resultsFile, `${text}\n`);
  return text;
}
