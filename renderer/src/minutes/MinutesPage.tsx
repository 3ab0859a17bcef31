import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MinutesFormat } from '../../../shared/api/contracts/minutes';
import type { MinutesLanguage } from '../../../shared/minutes/layout';
import { roleOfItemTitle, type MinuteItem } from '../../../shared/minutes/model';
import type { RichText } from '../../../shared/minutes/richText';
import type { ApiError, Result } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { base64ToBytes } from '../api/base64';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { formatMeetingDate } from '../format/dates';
import { useMemberName } from '../i18n/useMemberName';
import { useActingMember, useLastReady } from '../meeting/shared';
import { RichTextEditor } from './RichTextEditor';
import { SaveStateLine } from './SaveStateLine';
import { useLeaveWarning } from './useLeaveWarning';
import { useNarrativeAutosave, type SaveState } from './useNarrativeAutosave';
import './minutes.css';

const formats: readonly MinutesFormat[] = ['docx', 'pdf', 'html', 'json'];

/** The clerk's minutes screen: narrative per item, the workflow, and the exports. */
export function MinutesPage() {
  const displayName = useMemberName();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const key = `${id}:${version}`;
  const [acting, setActing, actingIdentity] = useActingMember();
  const [meeting] = useResult(() => api.getMeeting({ id }), `meeting:${id}`);
  const [roles] = useResult(() => api.listMeetingRoles({ meetingId: id }), `roles:${id}`);
  // While the screen reloads after a change it keeps what it had, so the editors stay in place.
  const record = useLastReady(useResult(() => api.getMinutes({ meetingId: id }), `minutes:${key}`)[0]);
  const document = useLastReady(useResult(() => api.assembleMinutes({ meetingId: id }), `document:${key}`)[0]);
  const [meetings] = useResult(() => api.listMeetings({}), 'meetings');
  const [drafts, setDrafts] = useState<Record<string, RichText>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  usePageTitle(t('minutes.screen.title'));
  const autosave = useNarrativeAutosave((itemNumber, narrative) => api.saveMinuteNarrative({ actingMemberId: acting, meetingId: id, itemNumber, narrative }));
  const waiting = Object.values(autosave.states).some((s) => s.kind === 'unsaved');
  const { retry } = autosave;
  useEffect(() => {
    if (acting !== '') retry();
  }, [acting, retry]);
  useLeaveWarning(autosave.unsaveable.length > 0 || (acting === '' && waiting), t('minutesAutosave.leaveWarning'));

  const run = async <T,>(change: () => Promise<Result<T>>, done: string): Promise<T | null> => {
    const result = await change();
    if (!result.ok) {
      setError(result.error);
      setStatus('');
      return null;
    }
    setError(null);
    setStatus(done);
    setVersion((v) => v + 1);
    return result.value;
  };

  const loads = [meeting, roles, record, document, meetings];
  const failed = loads.find((l) => l.state === 'failed');
  if (failed?.state === 'failed') {
    return (
      <section aria-labelledby="minutes-heading">
        <h1 id="minutes-heading">{t('minutes.screen.title')}</h1>
        <ErrorMessage error={failed.error} onRetry={() => setVersion((v) => v + 1)} />
      </section>
    );
  }
  if (meeting.state !== 'ready' || roles.state !== 'ready' || record.state !== 'ready' || document.state !== 'ready' || meetings.state !== 'ready') {
    return <p aria-busy="true">{t('app.loading')}</p>;
  }
  const minutes = record.value;
  const doc = document.value;
  const editable = minutes !== null && (minutes.status === 'draft' || minutes.status === 'circulated');
  const later = meetings.value.filter((m) => m.id !== id && m.committee.toLowerCase() === meeting.value.committee.toLowerCase() && m.date > meeting.value.date);

  return (
    <section aria-labelledby="minutes-heading" className="minutes-page">
      <p>
        <Link to={`/meetings/${id}`}>{t('minutes.screen.back')}</Link>
      </p>
      <h1 id="minutes-heading">{t('minutes.screen.heading', { committee: meeting.value.committee, date: formatMeetingDate(meeting.value.date, t) })}</h1>
      <label className="acting-as form-field">
        {t('minutes.screen.actingAs')}
        <select
          value={actingIdentity?.source === 'device' ? '' : acting}
          disabled={actingIdentity?.canChoose === false}
          onChange={(e) => {
            if (e.target.value !== '') void setActing(e.target.value);
          }}
        >
          <option value="">{t('minutes.screen.choose')}</option>
          {roles.value.map((r) => (
            <option key={r.memberId} value={r.memberId}>
              {displayName(r.memberName)}
            </option>
          ))}
        </select>
      </label>
      <div role="status" className="status-line">
        {status}
      </div>
      {error && <ErrorMessage error={error} />}

      <h2>{t('minutes.screen.workflowHeading')}</h2>
      <p className="minutes-status">
        {minutes === null ? t('minutes.screen.notStarted') : t(`minutes.screen.status.${minutes.status}`)}
        {doc.items.length > 0 && ` ${t('minutes.screen.numbers', { first: doc.items[0]?.minuteNumber ?? 0, last: doc.items.at(-1)?.minuteNumber ?? 0 })}`}
      </p>
      {minutes === null ? (
        <StartForm onStart={(councilName, previous) => run(() => api.startMinutes({ actingMemberId: acting, meetingId: id, councilName, ...(previous === null ? {} : { previousLastMinute: previous }) }), t('minutes.screen.done.started'))} />
      ) : (
        <Workflow
          status={minutes.status}
          later={later.map((m) => ({ id: m.id, label: `${m.title}, ${formatMeetingDate(m.date, t)}` }))}
          onCirculate={() => run(() => api.circulateMinutes({ actingMemberId: acting, meetingId: id }), t('minutes.screen.done.circulated'))}
          onReturn={() => run(() => api.returnMinutesToDraft({ actingMemberId: acting, meetingId: id }), t('minutes.screen.done.returned'))}
          onApprove={(atMeetingId, itemNumber) => run(() => api.approveMinutes({ actingMemberId: acting, meetingId: id, atMeetingId, itemNumber }), t('minutes.screen.done.approved'))}
          onLock={() => run(() => api.lockMinutes({ actingMemberId: acting, meetingId: id }), t('minutes.screen.done.locked'))}
          onCorrect={(text) => run(() => api.recordMinutesCorrection({ actingMemberId: acting, meetingId: id, text }), t('minutes.screen.done.corrected'))}
        />
      )}

      <h2>{t('minutes.screen.exportHeading')}</h2>
      <ExportButtons meetingId={id} onError={setError} onDone={(file) => setStatus(t('minutes.screen.done.exported', { file }))} />

      {doc.gaps.length + doc.items.reduce((n, i) => n + i.gaps.length, 0) > 0 && (
        <>
          <h2>{t('minutes.document.gapsHeading')}</h2>
          <ul className="minutes-gaps">
            {[...doc.gaps, ...doc.items.flatMap((i) => i.gaps)].map((g, index) => (
              <li key={index}>{t(`minutes.gaps.${g.code}`, { item: g.itemNumber ?? '' })}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('minutes.screen.itemsHeading')}</h2>
      {doc.items.map((item) => (
        <ItemEditor
          key={item.itemNumber}
          item={item}
          disabled={!editable}
          draft={drafts[item.itemNumber]}
          saveState={autosave.states[item.itemNumber]}
          actingChosen={acting !== ''}
          onDraft={(narrative) => {
            setDrafts((d) => ({ ...d, [item.itemNumber]: narrative }));
            autosave.change(item.itemNumber, narrative);
          }}
          onSave={() => run(async () => (await autosave.saveNow(item.itemNumber, drafts[item.itemNumber] ?? item.narrative)) ?? { ok: true as const, value: null }, t('minutes.screen.done.saved', { number: item.minuteNumber }))}
        />
      ))}
    </section>
  );
}

function StartForm({ onStart }: { onStart: (councilName: string, previous: number | null) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [council, setCouncil] = useState('');
  const [previous, setPrevious] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onStart(council, previous.trim() === '' ? null : Number(previous));
  };
  return (
    <form onSubmit={submit} className="minutes-start">
      <label className="form-field">
        {t('minutes.screen.councilName')}
        <input value={council} onChange={(e) => setCouncil(e.target.value)} required maxLength={200} />
      </label>
      <label className="form-field">
        {t('minutes.screen.previousLastMinute')}
        <input value={previous} onChange={(e) => setPrevious(e.target.value)} inputMode="numeric" pattern="[0-9]*" aria-describedby="previous-hint" />
      </label>
      <p id="previous-hint" className="hint">
        {t('minutes.screen.previousHint')}
      </p>
      <button type="submit">{t('minutes.screen.start')}</button>
    </form>
  );
}

interface WorkflowProps {
  status: 'draft' | 'circulated' | 'approved' | 'locked';
  later: { id: string; label: string }[];
  onCirculate: () => Promise<unknown>;
  onReturn: () => Promise<unknown>;
  onApprove: (atMeetingId: string, itemNumber: string) => Promise<unknown>;
  onLock: () => Promise<unknown>;
  onCorrect: (text: string) => Promise<unknown>;
}

function Workflow({ status, later, onCirculate, onReturn, onApprove, onLock, onCorrect }: WorkflowProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [atMeeting, setAtMeeting] = useState('');
  const [correction, setCorrection] = useState('');
  const [pack] = useResult(async () => (atMeeting === '' ? { ok: true as const, value: null } : api.getMeetingPack({ meetingId: atMeeting })), `pack:${atMeeting}`);
  const confirmation = pack.state === 'ready' ? pack.value?.items.find((i) => roleOfItemTitle(i.title) === 'confirmation') : undefined;

  return (
    <div className="minutes-workflow">
      {status === 'draft' && (
        <button type="button" onClick={() => void onCirculate()}>
          {t('minutes.screen.circulate')}
        </button>
      )}
      {status === 'circulated' && (
        <>
          <button type="button" onClick={() => void onReturn()}>
            {t('minutes.screen.returnToDraft')}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (confirmation) void onApprove(atMeeting, confirmation.number);
            }}
          >
            <label className="form-field">
              {t('minutes.screen.approvedAt')}
              <select value={atMeeting} onChange={(e) => setAtMeeting(e.target.value)} required>
                <option value="">{t('minutes.screen.choose')}</option>
                {later.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
            <p className="hint">{atMeeting === '' ? t('minutes.screen.approveHint') : confirmation ? t('minutes.screen.confirmationItem', { number: confirmation.number, title: confirmation.title }) : t('minutes.screen.noConfirmationItem')}</p>
            <button type="submit" disabled={!confirmation}>
              {t('minutes.screen.approve')}
            </button>
          </form>
        </>
      )}
      {status === 'approved' && (
        <button type="button" onClick={() => void onLock()}>
          {t('minutes.screen.lock')}
        </button>
      )}
      {(status === 'approved' || status === 'locked') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onCorrect(correction).then(() => setCorrection(''));
          }}
        >
          <label className="form-field">
            {t('minutes.screen.correction')}
            <textarea value={correction} onChange={(e) => setCorrection(e.target.value)} required maxLength={5000} rows={3} />
          </label>
          <button type="submit">{t('minutes.screen.recordCorrection')}</button>
        </form>
      )}
    </div>
  );
}

function ExportButtons({ meetingId, onError, onDone }: { meetingId: string; onError: (error: ApiError) => void; onDone: (file: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [language, setLanguage] = useState<MinutesLanguage>('en-GB');
  const exportAs = async (format: MinutesFormat) => {
    const result = await api.exportMinutes({ meetingId, format, language });
    if (!result.ok) {
      onError(result.error);
      return;
    }
    const url = URL.createObjectURL(new Blob([new Uint8Array(base64ToBytes(result.value.data))], { type: result.value.mediaType }));
    const link = window.document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    onDone(result.value.fileName);
  };
  return (
    <div className="minutes-export actions-row">
      <label className="form-field">
        {t('minutes.screen.exportLanguage')}
        <select value={language} onChange={(e) => setLanguage(e.target.value === 'cy' ? 'cy' : 'en-GB')}>
          <option value="en-GB">{t('minutes.screen.languages.en-GB')}</option>
          <option value="cy">{t('minutes.screen.languages.cy')}</option>
        </select>
      </label>
      {formats.map((format) => (
        <button key={format} type="button" onClick={() => void exportAs(format)}>
          {t(`minutes.screen.export.${format}`)}
        </button>
      ))}
    </div>
  );
}

interface ItemEditorProps {
  item: MinuteItem;
  disabled: boolean;
  draft: RichText | undefined;
  saveState: SaveState | undefined;
  actingChosen: boolean;
  onDraft: (value: RichText) => void;
  onSave: () => Promise<unknown>;
}

function ItemEditor({ item, disabled, draft, saveState, actingChosen, onDraft, onSave }: ItemEditorProps) {
  const { t } = useTranslation();
  const headingId = `minute-${item.itemNumber}-heading`;
  return (
    <article aria-labelledby={headingId} className="minute-item">
      <h3 id={headingId}>{t('minutes.screen.itemHeading', { minute: item.minuteNumber, number: item.itemNumber, title: item.title })}</h3>
      {item.outcome && <p className="minute-outcome">{item.outcome.resolution ? `${t(`minutes.outcome.${item.outcome.kind === 'agreed' ? 'agreed' : 'resolved'}`)} ${item.outcome.resolution}` : t(`minutes.screen.outcome.${item.outcome.kind}`)}</p>}
      {item.gaps.map((g) => (
        <p key={g.code} className="minute-gap">
          {t('minutes.document.gap', { text: t(`minutes.gaps.${g.code}`, { item: g.itemNumber ?? '' }) })}
        </p>
      ))}
      <RichTextEditor id={`narrative-${item.itemNumber}`} label={t('minutes.screen.narrative', { number: item.minuteNumber })} value={draft ?? item.narrative} disabled={disabled} onChange={onDraft} describedBy={`save-state-${item.itemNumber}`} />
      <div className="actions-row">
        <button type="button" disabled={disabled} onClick={() => void onSave()}>
          {t('minutes.screen.save', { number: item.minuteNumber })}
        </button>
        <SaveStateLine id={`save-state-${item.itemNumber}`} state={saveState} actingChosen={actingChosen} />
      </div>
    </article>
  );
}
