import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingField } from '../../../shared/domain/pack';
import { ImportPassword, isPasswordCode } from './ImportPassword';
import { useImportPack, type ImportState } from './useImportPack';

export const importShortcut = { key: 'i', label: 'Ctrl+Alt+I', aria: 'Control+Alt+I' } as const;

interface PackImportProps {
  /** Import into this meeting (a republished pack or one whose front sheet Chamber cannot read). */
  meetingId?: string;
  /** Offer the bundled sample pack (the meetings list does, a meeting page does not). */
  offerSample?: boolean;
  headingLevel?: 'h2' | 'h3';
  heading?: string;
}

/**
 * Import an agenda pack: a labelled file input styled as a button, drag and drop of a PDF anywhere
 * on the window, Ctrl+Alt+I to open the file chooser, and (on the meetings list) the sample pack.
 */
export function PackImport({ meetingId, offerSample = false, headingLevel: Heading = 'h2', heading }: PackImportProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, busy, importFile, importSample, cancel, dismiss, retryWithPassword } = useImportPack(meetingId);
  const [dragging, setDragging] = useState(false);

  // Drop a PDF anywhere on the window; without this the browser would open the file and leave.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file && !busy) void importFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [busy, importFile]);

  // Ctrl+Alt+I opens the file chooser (Ctrl+I is italic in editors, Ctrl+Shift+I the dev tools).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.altKey && !event.metaKey && event.key.toLowerCase() === importShortcut.key) {
        event.preventDefault();
        if (!busy) inputRef.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy]);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clear the input so choosing the same file again (after a fix) still fires a change.
    event.target.value = '';
    if (file) void importFile(file);
  };

  const inputId = `${id}-file`;
  return (
    <section className="pack-import" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{heading ?? t('packImport.heading')}</Heading>
      <p className="hint" id={`${id}-hint`}>
        {meetingId ? t('packImport.introForMeeting') : t('packImport.intro')}
      </p>
      <div className="import-actions">
        <input
          ref={inputRef}
          id={inputId}
          className="file-input"
          type="file"
          accept="application/pdf,.pdf"
          disabled={busy}
          aria-describedby={`${id}-hint`}
          aria-keyshortcuts={importShortcut.aria}
          onChange={onChange}
        />
        <label htmlFor={inputId} className={busy ? 'button primary file-button disabled' : 'button primary file-button'} title={t('meetings.shortcutHint', { keys: importShortcut.label })}>
          {t('packImport.choose')}
        </label>
        {offerSample && (
          <button type="button" onClick={() => void importSample()} disabled={busy}>
            {t('packImport.sample')}
          </button>
        )}
      </div>
      <ImportProgress state={state} onCancel={cancel} />
      {/* One live region for the whole import: phase changes (not every page) and the cancellation.
          A plain polite region rather than role=status, so the page keeps one status message. */}
      <div aria-live="polite" aria-atomic="true" className={state.step === 'cancelled' ? 'status-line' : 'visually-hidden'}>
        {announcement(state, t)}
      </div>
      {state.step === 'failed' && state.source === 'import' && isPasswordCode(state.code) ? (
        <ImportPassword wrong={state.code === 'PDF_PASSWORD_WRONG'} onSubmit={retryWithPassword} onDismiss={dismiss} />
      ) : (
        <ImportFailure state={state} onDismiss={dismiss} />
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>{busy ? t('packImport.dropBusy') : t('packImport.dropHere')}</p>
        </div>
      )}
    </section>
  );
}

function ImportProgress({ state, onCancel }: { state: ImportState; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  if (state.step !== 'uploading' && state.step !== 'importing' && state.step !== 'cancelling') return null;

  let label: string;
  let value: number | undefined;
  let max: number | undefined;
  if (state.step === 'uploading') {
    const percent = state.total > 0 ? Math.floor((state.sent / state.total) * 100) : 0;
    label = t('packImport.uploading', { percent });
    value = state.sent;
    max = state.total;
  } else if (state.step === 'cancelling') {
    label = t('packImport.cancelling');
  } else {
    const { phase, done, total } = state.job;
    const phaseText = t(`packImport.phase.${phase}`);
    label = total > 0 ? t('packImport.progressWithPages', { phase: phaseText, done, total }) : phaseText;
    if (total > 0) {
      value = done;
      max = total;
    }
  }
  const subject = 'fileName' in state && state.fileName ? state.fileName : t('packImport.sampleName');

  return (
    <div className="import-progress" aria-busy="true">
      <p className="import-subject">{t('packImport.importing', { name: subject })}</p>
      <label htmlFor={`${id}-bar`} className="progress-label">
        {label}
      </label>
      {/* No value means indeterminate: the reading phase does not know the page count yet. */}
      <progress id={`${id}-bar`} value={value} max={max} aria-valuetext={label} />
      <button type="button" onClick={onCancel} disabled={state.step === 'cancelling'}>
        {t('packImport.cancel')}
      </button>
    </div>
  );
}

function announcement(state: ImportState, t: (key: string) => string): string {
  switch (state.step) {
    case 'uploading':
      return t('packImport.phase.uploading');
    case 'importing':
      return t(`packImport.phase.${state.job.phase}`);
    case 'cancelling':
      return t('packImport.cancelling');
    case 'cancelled':
      return t('packImport.cancelled');
    default:
      return '';
  }
}

/** Each field a front sheet lacked is explained by the warning the reader gives for it. */
const missingFieldWarning: Record<MeetingField, string> = {
  committee: 'COMMITTEE_NOT_FOUND',
  date: 'MEETING_DATE_NOT_FOUND',
  startTime: 'MEETING_TIME_NOT_FOUND',
  venue: 'VENUE_NOT_FOUND',
};

function ImportFailure({ state, onDismiss }: { state: ImportState; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  if (state.step !== 'failed') return null;
  const key =
    state.source === 'import'
      ? i18n.exists(`importErrors.${state.code}`)
        ? `importErrors.${state.code}`
        : i18n.exists(`errors.${state.code}`)
          ? `errors.${state.code}`
          : 'importErrors.IMPORT_FAILED'
      : i18n.exists(`errors.${state.code}`)
        ? `errors.${state.code}`
        : 'errors.INTERNAL';
  return (
    <div className="error-message" role="alert">
      <p>
        <strong>{t('packImport.failedTitle')}: </strong>
        {t(key)}
      </p>
      {state.fields && state.fields.length > 0 && (
        <ul>
          {state.fields.map((field) => (
            <li key={field}>{t(`pack.warnings.${missingFieldWarning[field]}`)}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onDismiss}>
        {t('packImport.dismiss')}
      </button>
    </div>
  );
}
