import { forwardRef, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPack, SearchHit } from '../../../shared/domain/import';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Snippet } from '../components/Snippet';

/** How many hits to ask the index for before keeping this pack's. */
const searchLimit = 200;

type Found = { state: 'idle' } | { state: 'searching' } | { state: 'done'; query: string; hits: SearchHit[] } | { state: 'failed'; error: ApiError };

interface FindInPackProps {
  pack: MeetingPack;
  current: number;
  onSelect: (page: number) => void;
}

/** Find in this pack: the pack index's hits, kept to this meeting's pack and version. */
export const FindInPack = forwardRef<HTMLInputElement, FindInPackProps>(function FindInPack({ pack, current, onSelect }, inputRef) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found>({ state: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    if (!text) return;
    setFound({ state: 'searching' });
    const answer = await api.searchPacks({ query: text, limit: searchLimit });
    if (!answer.ok) {
      setFound({ state: 'failed', error: answer.error });
      return;
    }
    const hits = answer.value
      .filter((hit) => hit.meetingId === pack.meetingId && hit.packId === pack.packId && hit.version === pack.version)
      .sort((a, b) => a.page - b.page);
    setFound({ state: 'done', query: text, hits });
  };

  return (
    <div className="find-in-pack">
      <form role="search" onSubmit={(e) => void submit(e)} aria-label={t('reader.find.label')}>
        <label htmlFor={`${id}-q`}>{t('reader.find.label')}</label>
        <div className="inline-field">
          <input id={`${id}-q`} ref={inputRef} type="search" value={query} onChange={(e) => setQuery(e.target.value)} maxLength={200} aria-keyshortcuts="Control+F" />
          <button type="submit">{t('reader.find.submit')}</button>
        </div>
      </form>
      <p role="status" className="find-status">
        {found.state === 'searching' && t('reader.find.searching')}
        {found.state === 'done' && (found.hits.length === 0 ? t('reader.find.none', { query: found.query }) : t('reader.find.count', { count: found.hits.length, query: found.query }))}
      </p>
      {found.state === 'failed' && <ErrorMessage error={found.error} />}
      {found.state === 'done' && found.hits.length > 0 && (
        <ol className="find-results">
          {found.hits.map((hit, index) => (
            <li key={`${hit.page}:${index}`}>
              <button type="button" className="find-hit" aria-current={hit.page === current ? 'page' : undefined} onClick={() => onSelect(hit.page)}>
                <span className="find-hit-where">
                  {hit.printedPage === null ? t('reader.find.hitPage', { page: hit.page }) : t('reader.find.hitPagePrinted', { page: hit.page, printed: hit.printedPage })}
                  {hit.itemNumber && <span className="find-hit-item"> {t('reader.find.hitItem', { number: hit.itemNumber })}</span>}
                </span>
                <Snippet segments={hit.snippet} />
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});
