import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChamberApi } from '../../../shared/api/binding';
import { exportFormats, type ExportFormat } from '../../../shared/annotations/schema';
import type { ApiError } from '../../../shared/result';
import { ErrorMessage } from '../components/ErrorMessage';
import { saveDownload } from '../components/saveDownload';

/** Downloads my annotations and questions for the meeting: Word, Markdown, W3C JSON or an annotated PDF. */
export function ExportNotes({ api, me, meetingId }: { api: ChamberApi; me: string | null; meetingId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    if (!me) return;
    setBusy(true);
    const result = await api.exportAnnotations({ actingMemberId: me, meetingId, format });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    saveDownload(result.value, result.value.mimeType);
  };

  return (
    <div className="export-notes">
      <label htmlFor={`${id}-format`}>{t('annotations.export.format')}</label>
      <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
        {exportFormats.map((f) => (
          <option key={f} value={f}>
            {t(`annotations.export.${f}`)}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void download()} disabled={busy || !me}>
        {t('annotations.export.download')}
      </button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
