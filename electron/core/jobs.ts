import { randomUUID } from 'node:crypto';
import type { Job, PackImportResult } from '../../shared/domain/import';
import { CoreError } from './errors';
import { ImportError } from './packs/importError';

export type Phase = Job['phase'];

export interface JobContext {
  progress(phase: Phase, done?: number, total?: number): void;
  readonly signal: AbortSignal;
}

interface Entry {
  job: Job;
  controller: AbortController;
  finishedAt: number | null;
}

const keepFinishedMs = 10 * 60 * 1000;

/**
 * Long work (pack imports) runs as jobs: the call that starts one answers at once with its id, and
 * the UI polls progress through the same contract over IPC or HTTP. Cancelling aborts the signal;
 * the work itself guarantees nothing is left half-written.
 */
export class Jobs {
  private readonly entries = new Map<string, Entry>();

  start(run: (context: JobContext) => Promise<PackImportResult>): Job {
    this.sweep();
    const controller = new AbortController();
    const job: Job = { id: randomUUID(), kind: 'pack-import', state: 'running', phase: 'reading', done: 0, total: 0, result: null, error: null };
    const entry: Entry = { job, controller, finishedAt: null };
    this.entries.set(job.id, entry);
    const context: JobContext = {
      signal: controller.signal,
      progress: (phase, done = 0, total = 0) => {
        if (entry.job.state === 'running') entry.job = { ...entry.job, phase, done, total };
      },
    };
    run(context).then(
      (result) => this.finish(entry, { state: 'succeeded', result }),
      (error: unknown) => {
        if (error instanceof ImportError && error.code === 'CANCELLED') {
          this.finish(entry, { state: 'cancelled', error: { code: 'CANCELLED', message: error.message } });
        } else if (error instanceof ImportError && error.fields) {
          this.finish(entry, { state: 'failed', error: { code: error.code, message: error.message, fields: [...error.fields] } });
        } else if (error instanceof ImportError || error instanceof CoreError) {
          this.finish(entry, { state: 'failed', error: { code: error.code, message: error.message } });
        } else {
          console.error('[core] job failed', error);
          this.finish(entry, { state: 'failed', error: { code: 'IMPORT_FAILED', message: 'The import failed; nothing was saved.' } });
        }
      },
    );
    return { ...job };
  }

  get(id: string): Job {
    const entry = this.entries.get(id);
    if (!entry) throw new CoreError('JOB_NOT_FOUND', 'No such job (it may have finished long ago)');
    return { ...entry.job };
  }

  cancel(id: string): Job {
    const entry = this.entries.get(id);
    if (!entry) throw new CoreError('JOB_NOT_FOUND', 'No such job (it may have finished long ago)');
    entry.controller.abort();
    return { ...entry.job };
  }

  /** Resolves when the job has finished (for the command line and tests). */
  async wait(id: string, pollMs = 25): Promise<Job> {
    for (;;) {
      const job = this.get(id);
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private finish(entry: Entry, outcome: Partial<Job>): void {
    entry.job = { ...entry.job, ...outcome };
    entry.finishedAt = Date.now();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) {
      if (entry.finishedAt !== null && now - entry.finishedAt > keepFinishedMs) this.entries.delete(id);
    }
  }
}
