import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { saveDownload } from '../components/saveDownload';
import { useResult } from '../components/useResult';
import { formatInstant } from '../format/dates';

/**
 * The notes retention saved before deleting papers. They are encrypted on this device like
 * everything else, so they are opened here: the member saves a copy of one where they choose.
 * `version` changes when retention has just saved more.
 */
export function SavedNotesList({ version }: { version: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [saved] = useResult(() => api.listSavedNotes({}), `saved-notes-${version}`);
  const [error, setError] = useState<ApiError | null>(null);

  const saveCopy = async (id: string) => {
    const file = await api.readSavedNotes({ id });
    if (!file.ok) return setError(file.error);
    setError(null);
    saveDownload(file.value, file.value.mimeType);
  };

  if (saved.state === 'failed') return <ErrorMessage error={saved.error} />;
  if (saved.state !== 'ready' || saved.value.length === 0) return null;
  return (
    <section aria-labelledby="saved-notes-heading">
      <h3 id="saved-notes-heading">{t('retention.savedNotes.heading')}</h3>
      <p>{t('retention.savedNotes.explanation')}</p>
      {error && <ErrorMessage error={error} />}
      <ul className="saved-notes">
        {saved.value.map((file) => (
          <li key={file.id}>
            {t('retention.savedNotes.file', { file: file.fileName, when: formatInstant(file.savedAt, t) })}{' '}
            <button type="button" onClick={() => void saveCopy(file.id)} aria-label={t('retention.savedNotes.saveCopyOf', { file: file.fileName })}>
              {t('retention.savedNotes.saveCopy')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
