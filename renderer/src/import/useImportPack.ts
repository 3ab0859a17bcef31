import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Job } from '../../../shared/domain/import';
import type { MeetingField } from '../../../shared/domain/pack';
import type { Result } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { rememberPdfPassword } from '../reader/sessionPasswords';
import { precheckFile, UploadCancelled, uploadFile } from './upload';

export const jobPollMs = 150;

/** Where an import stands, as the import panel shows it. */
export type ImportState =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; sent: number; total: number }
  | { step: 'importing'; fileName: string | null; job: Job }
  | { step: 'cancelling'; fileName: string | null; job: Job | null }
  | { step: 'cancelled' }
  /** `source` says which table of messages translates the code: the job's or the contract's. */
  | { step: 'failed'; source: 'import' | 'api'; code: string; fields?: readonly MeetingField[] };

/** What the meeting page learns about an import that just finished (router state). */
export interface ImportedState {
  imported: { version: number; alreadyImported: boolean; changes: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one import at a time: upload in chunks (or ask for the sample pack), start the job, poll
 * it every ~150 ms, and on success go to the meeting. Leaving the screen stops the polling, not
 * the import: the core finishes it and the meeting shows the pack.
 */
export function useImportPack(meetingId?: string) {
  const api = useApi();
  const navigate = useNavigate();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const run = useRef<{ controller: AbortController; jobId: string | null } | null>(null);

  useEffect(
    () => () => {
      run.current?.controller.abort();
      run.current = null;
    },
    [],
  );

  // The file last chosen, so a protected one can be imported again with its password without choosing it again.
  const lastFile = useRef<File | null>(null);

  const follow = useCallback(
    async (started: Result<{ jobId: string }>, fileName: string | null, controller: AbortController, password?: string) => {
      if (!started.ok) {
        if (run.current?.controller === controller) run.current = null;
        setState({ step: 'failed', source: 'api', code: started.error.code });
        return;
      }
      const { jobId } = started.value;
      if (run.current?.controller === controller) run.current.jobId = jobId;
      let cancelSent = false;
      for (;;) {
        if (controller.signal.aborted && !cancelSent) {
          // The reader pressed Cancel after the job had started: ask the core, then keep polling
          // until it confirms, so "cancelled" is only said once nothing is left behind.
          cancelSent = true;
          await api.cancelJob({ jobId });
        }
        const answer = await api.getJob({ jobId });
        if (run.current?.controller !== controller) return; // unmounted or superseded
        if (!answer.ok) {
          setState({ step: 'failed', source: 'api', code: answer.error.code });
          break;
        }
        const job = answer.value;
        if (job.state === 'succeeded' && job.result) {
          const { result } = job;
          run.current = null;
          if (password !== undefined) {
            // The stored file is still protected: leave its password for this session's reader.
            const pack = await api.getMeetingPack({ meetingId: result.meetingId, version: result.version });
            if (pack.ok && pack.value) rememberPdfPassword(pack.value.documentSha256, password);
          }
          const imported: ImportedState = {
            imported: { version: result.version, alreadyImported: result.alreadyImported, changes: result.changes.length },
          };
          void navigate(`/meetings/${result.meetingId}`, { state: imported });
          return;
        }
        if (job.state === 'cancelled' || (job.state === 'failed' && job.error?.code === 'CANCELLED')) {
          setState({ step: 'cancelled' });
          break;
        }
        if (job.state === 'failed') {
          setState({ step: 'failed', source: 'import', code: job.error?.code ?? 'IMPORT_FAILED', fields: job.error?.fields });
          break;
        }
        setState(cancelSent ? { step: 'cancelling', fileName, job } : { step: 'importing', fileName, job });
        await sleep(jobPollMs);
      }
      if (run.current?.controller === controller) run.current = null;
    },
    [api, navigate],
  );

  const begin = useCallback((): AbortController | null => {
    if (run.current) return null; // one import at a time
    const controller = new AbortController();
    run.current = { controller, jobId: null };
    return controller;
  }, []);

  const importFile = useCallback(
    async (file: File, password?: string) => {
      lastFile.current = file;
      const problem = precheckFile(file);
      if (problem) {
        setState({ step: 'failed', source: 'import', code: problem });
        return;
      }
      const controller = begin();
      if (!controller) return;
      setState({ step: 'uploading', fileName: file.name, sent: 0, total: file.size });
      try {
        const uploaded = await uploadFile(api, file, {
          signal: controller.signal,
          onProgress: (sent, total) => {
            if (!controller.signal.aborted) setState({ step: 'uploading', fileName: file.name, sent, total });
          },
        });
        if (!uploaded.ok) {
          run.current = null;
          setState({ step: 'failed', source: 'api', code: uploaded.error.code });
          return;
        }
        if (controller.signal.aborted) throw new UploadCancelled();
        const started = await api.startPackImport({ uploadId: uploaded.value.uploadId, ...(meetingId ? { meetingId } : {}), ...(password === undefined ? {} : { password }) });
        await follow(started, file.name, controller, password);
      } catch (error) {
        if (!(error instanceof UploadCancelled)) throw error;
        if (run.current?.controller === controller) {
          run.current = null;
          setState({ step: 'cancelled' });
        }
      }
    },
    [api, begin, follow, meetingId],
  );

  const importSample = useCallback(async () => {
    const controller = begin();
    if (!controller) return;
    setState({ step: 'importing', fileName: null, job: placeholderJob });
    const started = await api.openSamplePack({});
    await follow(started, null, controller);
  }, [api, begin, follow]);

  const cancel = useCallback(() => {
    const current = run.current;
    if (!current) return;
    current.controller.abort();
    setState((s) => (s.step === 'importing' ? { step: 'cancelling', fileName: s.fileName, job: s.job } : s.step === 'uploading' ? { step: 'cancelling', fileName: s.fileName, job: null } : s));
  }, []);

  const dismiss = useCallback(() => setState({ step: 'idle' }), []);

  /** The last file again, with the password its import asked for. */
  const retryWithPassword = useCallback(
    (password: string) => {
      if (lastFile.current) void importFile(lastFile.current, password);
    },
    [importFile],
  );

  return { state, busy: state.step === 'uploading' || state.step === 'importing' || state.step === 'cancelling', importFile, importSample, cancel, dismiss, retryWithPassword };
}

/** Shown between asking for the sample pack and the first poll. */
const placeholderJob: Job = {
  id: '00000000-0000-4000-8000-000000000000',
  kind: 'pack-import',
  state: 'running',
  phase: 'reading',
  done: 0,
  total: 0,
  result: null,
  error: null,
};
