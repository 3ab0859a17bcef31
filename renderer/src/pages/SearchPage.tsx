import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SearchHit } from '../../../shared/domain/import';
import { ErrorMessage } from '../components/ErrorMessage';
import { searchShortcut } from '../components/Layout';
import { Snippet } from '../components/Snippet';
import { usePageTitle } from '../components/usePageTitle';
import { formatShortDate } from '../format/dates';
import { readerPath } from '../pack/format';
import { useSearchResults } from './useSearchResults';

interface ItemGroup {
  key: string;
  number: string | null;
  title: string | null;
  hits: SearchHit[];
}
interface MeetingGroup {
  meetingId: string;
  title: string;
  date: string;
  items: ItemGroup[];
}

/** Hits in the index's order, grouped by meeting and then by agenda item. */
export function groupHits(hits: readonly SearchHit[]): MeetingGroup[] {
  const meetings = new Map<string, MeetingGroup>();
  for (const hit of hits) {
    let meeting = meetings.get(hit.meetingId);
    if (!meeting) {
      meeting = { meetingId: hit.meetingId, title: hit.meetingTitle, date: hit.meetingDate, items: [] };
      meetings.set(hit.meetingId, meeting);
    }
    const key = `${hit.version}:${hit.itemNumber ?? ''}`;
    let item = meeting.items.find((i) => i.key === key);
    if (!item) {
      item = { key, number: hit.itemNumber, title: hit.itemTitle, hits: [] };
      meeting.items.push(item);
    }
    item.hits.push(hit);
  }
  // Meetings and items keep the index's order of relevance; within an item, pages read in order.
  for (const meeting of meetings.values()) for (const item of meeting.items) item.hits.sort((a, b) => a.page - b.page);
  return [...meetings.values()];
}

/** Quiet time after a keystroke before searching: one query per pause, not one per letter. */
const typingPause = 150;

export function SearchPage() {
  const { t } = useTranslation();
  const id = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = (searchParams.get('q') ?? '').trim();
  const [draft, setDraft] = useState(query);
  const inputRef = useRef<HTMLInputElement>(null);
  // The query this page last put in the address; any other change to it came from back/forward.
  const written = useRef(query);
  usePageTitle(query ? t('search.titleWithQuery', { query }) : t('search.title'));
  const { shown, settled, loadingMore, showMore, retry } = useSearchResults(query);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    if (query !== written.current) {
      written.current = query;
      setDraft(query);
    }
  }, [query]);

  const search = useCallback(
    (text: string, replace: boolean) => {
      written.current = text;
      setSearchParams(text ? { q: text } : {}, { replace });
    },
    [setSearchParams],
  );

  // As the member types: the address follows the field (replacing, so Back leaves the page
  // rather than stepping through every prefix), and the search follows the address.
  useEffect(() => {
    const text = draft.trim();
    if (text === written.current) return;
    const timer = setTimeout(() => search(text, true), typingPause);
    return () => clearTimeout(timer);
  }, [draft, search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    search(draft.trim(), false);
  };

  const groups = shown ? groupHits(shown.hits) : [];
  const status = !query
    ? ''
    : !settled || !shown
      ? t('search.searching')
      : shown.error
        ? ''
        : shown.hits.length === 0
          ? t('search.none', { query })
          : shown.more
            ? t('search.countMore', { count: shown.hits.length, query })
            : t('search.count', { count: shown.hits.length, query });

  return (
    <section aria-labelledby="search-heading" className="search-page">
      <h1 id="search-heading">{t('search.title')}</h1>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('search.title')}>
        <label htmlFor={`${id}-q`}>{t('search.label')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('search.hint', { keys: searchShortcut.label })} {t('search.asYouType')}
        </p>
        <div className="inline-field">
          <input
            id={`${id}-q`}
            ref={inputRef}
            type="search"
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            aria-describedby={`${id}-hint`}
            aria-controls={`${id}-results`}
          />
          <button type="submit" className="primary">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {/* Polite: the count is read out when the member pauses, not over what they are typing. */}
      <p role="status" aria-live="polite" aria-atomic="true" className="search-status">
        {status}
      </p>
      {shown?.error && <ErrorMessage error={shown.error} onRetry={retry} />}
      <div id={`${id}-results`} className="search-results" aria-busy={!settled}>
        {groups.map((meeting) => (
          <section key={meeting.meetingId} className="search-meeting" aria-labelledby={`${id}-${meeting.meetingId}`}>
            <h2 id={`${id}-${meeting.meetingId}`}>
              <Link to={`/meetings/${meeting.meetingId}`}>{meeting.title}</Link> <span className="muted">{formatDate(meeting.date, t)}</span>
            </h2>
            {meeting.items.map((item) => (
              <div key={item.key} className="search-item">
                <h3>{item.number ? t('pack.itemLabel', { number: item.number, title: item.title ?? '' }) : t('search.otherPages')}</h3>
                <ol className="search-hits">
                  {item.hits.map((hit) => (
                    <li key={`${hit.packId}:${hit.version}:${hit.page}`}>
                      <Link to={readerPath(hit.meetingId, { page: hit.page, version: hit.version, find: shown?.query ?? query })} className="search-hit">
                        <span className="search-hit-where">
                          {hit.printedPage === null ? t('search.hitPage', { page: hit.page }) : t('search.hitPagePrinted', { page: hit.page, printed: hit.printedPage })}
                        </span>
                        <Snippet segments={hit.snippet} />
                      </Link>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </section>
        ))}
      </div>
      {settled && shown?.more && (
        // aria-disabled, not disabled: a disabled button drops the keyboard focus while more load.
        <button type="button" className="search-more" onClick={showMore} aria-disabled={loadingMore}>
          {loadingMore ? t('search.loadingMore') : t('search.showMore')}
        </button>
      )}
    </section>
  );
}

function formatDate(date: string, t: (key: string, values?: Record<string, string | number>) => string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatShortDate(date, t) : date;
}
