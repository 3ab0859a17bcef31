import { forwardRef, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { Snippet } from '../components/Snippet';
import { Icon } from './Icon';
import type { Find } from './useFind';

interface FindInPackProps {
  find: Find;
  /** The words the reader opened with (from the Search page), shown in the field. */
  initialQuery: string;
}

/**
 * Find in this pack: the field, "3 of 17" with previous and next, and the hits listed. Enter finds
 * (or, once found, moves to the next hit), Shift+Enter the previous; F3 and Shift+F3 work anywhere in the reader.
 */
export const FindInPack = forwardRef<HTMLInputElement, FindInPackProps>(function FindInPack({ find, initialQuery }, inputRef) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const { found, index } = find;
  const hits = found.state === 'done' ? found.hits : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    if (found.state === 'done' && found.query === text && hits.length > 0) find.step(1);
    else void find.search(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      if (found.state === 'done' && found.query === query.trim()) find.step(-1);
    }
  };

  return (
    <div className="find-in-pack">
      <form role="search" onSubmit={submit} aria-label={t('reader.find.label')}>
        <label htmlFor={`${id}-q`}>{t('reader.find.label')}</label>
        <div className="inline-field">
          <input id={`${id}-q`} ref={inputRef} type="search" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeyDown} maxLength={200} aria-keyshortcuts="Control+F" aria-describedby={`${id}-keys`} />
          <button type="submit">{t('reader.find.submit')}</button>
        </div>
        <p id={`${id}-keys`} className="hint">
          {t('reader.find.keys')}
        </p>
      </form>
      <p role="status" className="find-status">
        {found.state === 'searching' && t('reader.find.searching')}
        {found.state === 'done' && (hits.length === 0 ? t('reader.find.none', { query: found.query }) : t('reader.find.count', { count: hits.length, query: found.query }))}
      </p>
      {found.state === 'failed' && <ErrorMessage error={found.error} />}
      {hits.length > 0 && (
        <div className="find-steps" role="group" aria-label={t('reader.find.steps')}>
          <button type="button" className="tb-button" onClick={() => find.step(-1)} aria-keyshortcuts="Shift+F3">
            <Icon name="previous" />
            <span>{t('reader.find.previous')}</span>
          </button>
          <p className="find-position" aria-live="polite">
            {index === null ? '' : t('reader.find.position', { n: index + 1, total: hits.length })}
          </p>
          <button type="button" className="tb-button" onClick={() => find.step(1)} aria-keyshortcuts="F3">
            <span>{t('reader.find.next')}</span>
            <Icon name="next" />
          </button>
        </div>
      )}
      {hits.length > 0 && (
        <ol className="find-results">
          {hits.map((hit, i) => (
            <li key={`${hit.page}:${i}`}>
              <button type="button" className="find-hit" aria-current={i === index ? 'true' : undefined} onClick={() => find.select(i)}>
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
