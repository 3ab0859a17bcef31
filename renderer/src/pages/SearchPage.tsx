import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SearchHit } from '../../../shared/domain/import';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { searchShortcut } from '../components/Layout';
import { Snippet } from '../components/Snippet';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { formatShortDate } from '../format/dates';
import { readerPath } from '../pack/format';

const resultLimit = 100;

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

export function SearchPage() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = (searchParams.get('q') ?? '').trim();
  const [draft, setDraft] = useState(query);
  const inputRef = useRef<HTMLInputElement>(null);
  usePageTitle(query ? t('search.titleWithQuery', { query }) : t('search.title'));

  const [results, retry] = useResult(
    () => (query ? api.searchPacks({ query, limit: resultLimit }) : Promise.resolve({ ok: true as const, value: [] as SearchHit[] })),
    `search:${query}`,
  );

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    setSearchParams(text ? { q: text } : {});
  };

  const groups = results.state === 'ready' ? groupHits(results.value) : [];

  return (
    <section aria-labelledby="search-heading" className="search-page">
      <h1 id="search-heading">{t('search.title')}</h1>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('search.title')}>
        <label htmlFor={`${id}-q`}>{t('search.label')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('search.hint', { keys: searchShortcut.label })}
        </p>
        <div className="inline-field">
          <input id={`${id}-q`} ref={inputRef} type="search" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} aria-describedby={`${id}-hint`} />
          <button type="submit" className="primary">
            {t('search.submit')}
          </button>
        </div>
      </form>
      <p role="status" className="search-status">
        {query && results.state === 'loading' && t('search.searching')}
        {query && results.state === 'ready' && (results.value.length === 0 ? t('search.none', { query }) : t('search.count', { count: results.value.length, query }))}
      </p>
      {results.state === 'failed' && <ErrorMessage error={results.error} onRetry={retry} />}
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
                    <Link to={readerPath(hit.meetingId, { page: hit.page, version: hit.version, find: query })} className="search-hit">
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
    </section>
  );
}

function formatDate(date: string, t: (key: string, values?: Record<string, string | number>) => string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatShortDate(date, t) : date;
}
