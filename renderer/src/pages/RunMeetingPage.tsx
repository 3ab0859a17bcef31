import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMemberName } from '../i18n/useMemberName';
import { Link, useParams, useSearchParams } from 'react-router';
import { presidingRoles } from '../../../shared/domain/interests';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import type { SpeakingTurnDraft } from '../../../shared/meeting/speaking';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { formatShortDate } from '../format/dates';
import { AgendaSection } from '../meeting/AgendaSection';
import { AttendanceSection } from '../meeting/AttendanceSection';
import { DeclarationsSection } from '../meeting/DeclarationsSection';
import { PanelCommentEditor } from '../meeting/PanelCommentEditor';
import { RefusalMessage, useActingMember, useChange, useLastReady } from '../meeting/shared';
import { setShortcutsEnabled, shortcutsEnabled, useCockpitKeys, type CockpitAction } from '../live/cockpitKeys';
import { CurrentItemPanel } from '../live/CurrentItemPanel';
import type { StartMode } from '../live/ItemMove';
import { focusOf } from '../live/meetingClock';
import { ShortcutsHelp } from '../live/ShortcutsHelp';
import { SpeakingTimer, type SpeakingTimerHandle } from '../live/SpeakingTimer';

/** The clock on the agenda moves on its own: elapsed times refresh this often. */
const tickMs = 30_000;

/** Everything the chair and clerk need while the meeting runs, on one screen. */
export function RunMeetingPage() {
  const displayName = useMemberName();
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const key = `${id}:${version}`;
  const [actingMemberId, chooseActingMember, identity] = useActingMember();
  const [chooseError, setChooseError] = useState<ApiError | null>(null);
  const [meeting] = useResult(() => api.getMeeting({ id }), `meeting:${id}`);
  const roles = useLastReady(useResult(() => api.listMeetingRoles({ meetingId: id }), `roles:${key}`)[0]);
  const attendance = useLastReady(useResult(() => api.getAttendance({ meetingId: id }), `attendance:${key}`)[0]);
  const agenda = useLastReady(useResult(() => api.getLiveAgenda({ meetingId: id }), `agenda:${key}`)[0]);
  const declarations = useLastReady(useResult(() => api.listDeclarations({ meetingId: id }), `declarations:${key}`)[0]);
  const [suggestions] = useResult(() => api.suggestInterests({ meetingId: id }), `suggestions:${id}`);
  const outcomes = useLastReady(useResult(() => api.listOutcomes({ meetingId: id }), `outcomes:${key}`)[0]);
  const comments = useLastReady(useResult(() => api.listPanelComments({ meetingId: id }), `comments:${key}`)[0]);
  const actions = useLastReady(useResult(() => api.listActions({}), `actions:${key}`)[0]);
  const [commentError, runComment] = useChange(bump);
  const [newComment, setNewComment] = useState({ item: '', title: '' });
  const [moveError, runMove] = useChange(bump);
  const turns = useLastReady(useResult(() => api.listSpeakingTurns({ meetingId: id }), `turns:${key}`)[0]);
  const [helpOpen, setHelpOpen] = useState(false);
  const [keysOn, setKeysOn] = useState(shortcutsEnabled);
  const cockpitHeading = useRef<HTMLHeadingElement>(null);
  const helpSummary = useRef<HTMLElement>(null);
  const timer = useRef<SpeakingTimerHandle>(null);
  usePageTitle(t('runMeeting.title'));

  const items = agenda.state === 'ready' ? agenda.value.items : [];
  const { focus, previous, next } = focusOf(items);
  const startItem = async (item: LiveAgendaItem, mode: StartMode) => {
    const started = await runMove(() => api.startAgendaItem({ actingMemberId, meetingId: id, itemNumber: item.number, ...(mode === 'start' ? {} : { mode }) }));
    // The chair's eyes go to the new item; a screen reader reads its name.
    if (started) cockpitHeading.current?.focus();
  };
  const endItem = (item: LiveAgendaItem) => void runMove(() => api.endAgendaItem({ actingMemberId, meetingId: id, itemNumber: item.number }));
  const recordTurn = async (turn: SpeakingTurnDraft) => (await runMove(() => api.recordSpeakingTurn({ actingMemberId, turn }))) !== null;
  const move = (item: LiveAgendaItem | undefined, direction: 'next' | 'previous') => {
    if (item === undefined) return;
    // An item already taken needs the chair's choice of resume or correct: the key takes them to it.
    if (item.startedAt === null) void startItem(item, 'start');
    else document.querySelector<HTMLButtonElement>(`.item-move-${direction} button`)?.focus();
  };
  useCockpitKeys(keysOn, (action: CockpitAction) => {
    if (action === 'next') move(next, 'next');
    else if (action === 'previous') move(previous, 'previous');
    else if (action === 'end' && focus?.current) endItem(focus);
    else if (action === 'timer') timer.current?.toggle();
    else if (action === 'current') cockpitHeading.current?.focus();
    else if (action === 'help') {
      setHelpOpen(true);
      helpSummary.current?.focus();
    }
  });

  useEffect(() => {
    const timer = window.setInterval(() => setVersion((v) => v + 1), tickMs);
    return () => window.clearInterval(timer);
  }, []);

  const failed = [meeting, roles, attendance, agenda, declarations, outcomes, comments, actions].find((r) => r.state === 'failed');
  if (failed?.state === 'failed') {
    return (
      <section aria-labelledby="run-heading">
        <h1 id="run-heading">{t('runMeeting.title')}</h1>
        <ErrorMessage error={failed.error} onRetry={bump} />
      </section>
    );
  }
  if (meeting.state !== 'ready' || roles.state !== 'ready' || attendance.state !== 'ready' || agenda.state !== 'ready' || declarations.state !== 'ready' || outcomes.state !== 'ready' || comments.state !== 'ready' || actions.state !== 'ready') {
    return <p aria-busy="true">{t('app.loading')}</p>;
  }
  const myRole = roles.value.find((r) => r.memberId === actingMemberId)?.role;
  const presiding = myRole !== undefined && presidingRoles.includes(myRole);

  const createComment = async (event: FormEvent) => {
    event.preventDefault();
    const created = await runComment(() => api.createPanelComment({ actingMemberId, meetingId: id, itemNumber: newComment.item, title: newComment.title }));
    if (created) setNewComment({ item: '', title: '' });
  };

  return (
    <section aria-labelledby="run-heading" className="run-meeting">
      <p>
        <Link to={`/meetings/${id}`}>{t('runMeeting.back')}</Link>
      </p>
      <h1 id="run-heading">{t('runMeeting.heading', { title: meeting.value.title, date: formatShortDate(meeting.value.date, t) })}</h1>
      <label className="acting-as">
        {t('runMeeting.actingAs')}
        <select
          value={identity?.source === 'device' ? '' : actingMemberId}
          disabled={identity?.canChoose === false}
          onChange={(e) => {
            if (e.target.value !== '') void chooseActingMember(e.target.value).then(setChooseError);
          }}
        >
          <option value="">{t('runMeeting.choose')}</option>
          {roles.value.map((r) => (
            <option key={r.memberId} value={r.memberId}>
              {t('runMeeting.actingAsOption', { name: displayName(r.memberName), role: t(`runMeeting.roles.${r.role}`) })}
            </option>
          ))}
        </select>
      </label>
      {chooseError && <ErrorMessage error={chooseError} />}
      {!presiding && <p className="hint">{t('runMeeting.notPresiding')}</p>}

      <div className="cockpit">
        <div className="cockpit-main">
          {moveError && <RefusalMessage error={moveError} fieldIds={{ itemNumber: 'cockpit-heading', mode: 'cockpit-heading' }} />}
          <CurrentItemPanel ref={cockpitHeading} items={agenda.value.items} declarations={declarations.value} roles={roles.value} onStart={(item, mode) => void startItem(item, mode)} onEnd={endItem} />
          {focus && <SpeakingTimer key={focus.number} ref={timer} meetingId={id} item={focus} roles={roles.value} turns={turns.state === 'ready' ? turns.value : []} onRecord={recordTurn} />}
        </div>
        <div className="cockpit-side">
          <ShortcutsHelp
            ref={helpSummary}
            open={helpOpen}
            onToggle={setHelpOpen}
            enabled={keysOn}
            onEnable={(on) => {
              setShortcutsEnabled(on);
              setKeysOn(on);
            }}
          />
          <AttendanceSection meetingId={id} actingMemberId={actingMemberId} roles={roles.value} attendance={attendance.value} items={agenda.value.items} onChanged={bump} />
        </div>
      </div>
      <DeclarationsSection
        meetingId={id}
        actingMemberId={actingMemberId}
        roles={roles.value}
        items={agenda.value.items}
        declarations={declarations.value}
        suggestions={suggestions.state === 'ready' ? suggestions.value : []}
        onChanged={bump}
        presiding={presiding}
        declareForMe={searchParams.get('declare') === '1' && actingMemberId !== ''}
      />
      <AgendaSection meetingId={id} actingMemberId={actingMemberId} agenda={agenda.value} outcomes={outcomes.value} onChanged={bump} refreshKey={key} />

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t('runMeeting.comments.heading')}</h2>
        {comments.value.map((c) => (
          <PanelCommentEditor key={c.id} comment={c} actingMemberId={actingMemberId} canAgree={presiding} onChanged={bump} />
        ))}
        <form onSubmit={(e) => void createComment(e)} aria-labelledby="new-comment-heading">
          <h3 id="new-comment-heading">{t('runMeeting.comments.new')}</h3>
          {commentError && <RefusalMessage error={commentError} />}
          <label>
            {t('runMeeting.declarations.item')}
            <select value={newComment.item} onChange={(e) => setNewComment({ ...newComment, item: e.target.value })}>
              <option value="">{t('runMeeting.choose')}</option>
              {agenda.value.items.map((i) => (
                <option key={i.number} value={i.number}>
                  {t('runMeeting.agenda.itemLabel', { number: i.number, title: i.title })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('runMeeting.comments.newTitle')}
            <input type="text" value={newComment.title} onChange={(e) => setNewComment({ ...newComment, title: e.target.value })} required />
          </label>
          <button type="submit">{t('runMeeting.comments.create')}</button>
        </form>
      </section>

      <section aria-labelledby="tracker-heading">
        <h2 id="tracker-heading">{t('runMeeting.actions.tracker')}</h2>
        {actions.value.length === 0 ? (
          <p className="empty">{t('runMeeting.actions.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('runMeeting.actions.text')}</th>
                <th scope="col">{t('runMeeting.actions.owner')}</th>
                <th scope="col">{t('runMeeting.actions.due')}</th>
                <th scope="col">{t('runMeeting.actions.meeting')}</th>
                <th scope="col">{t('runMeeting.actions.status')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.value.map((a) => (
                <tr key={a.id}>
                  <td>{a.text}</td>
                  <td>{displayName(a.owner)}</td>
                  <td>{a.dueDate ? formatShortDate(a.dueDate, t) : ''}</td>
                  <td>{t('runMeeting.actions.from', { title: a.meetingTitle, date: formatShortDate(a.meetingDate, t), item: a.itemNumber })}</td>
                  <td>{t(`runMeeting.actions.statuses.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
