import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type LiveAgenda, type StoredOutcome } from '../../../shared/meeting/schema';
import { useApi } from '../api/ApiContext';
import { useResult } from '../components/useResult';
import { londonWallClock } from '../format/dates';
import { VoteGrid, type Side } from '../live/VoteGrid';
import { RefusalMessage, useChange } from './shared';
import { outcomeKinds, type OutcomeKind } from '../../../shared/vocabulary';

interface Props {
  meetingId: string;
  actingMemberId: string;
  agenda: LiveAgenda;
  outcomes: StoredOutcome[];
  onChanged: () => void;
  /** Changes whenever the page reloads, so who may vote is read again after attendance or declarations change. */
  refreshKey: string;
}

const clock = (iso: string | null) => (iso === null ? '' : londonWallClock(new Date(iso)).time);
const noItem = { ok: true as const, value: null };

/** The item most recently started: what the chair has just been taking. */
const lastTaken = (agenda: LiveAgenda): string | null =>
  agenda.items.filter((i) => i.startedAt !== null).sort((a, b) => Date.parse(b.startedAt ?? '') - Date.parse(a.startedAt ?? ''))[0]?.number ?? null;

/** The live agenda: start and end items, see time against the indicative timing, record outcomes. */
export function AgendaSection({ meetingId, actingMemberId, agenda, outcomes, onChanged, refreshKey }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, run] = useChange(onChanged);
  const [selected, setSelected] = useState('');
  const [kind, setKind] = useState<OutcomeKind>('noted');
  const [resolution, setResolution] = useState('');
  const [counts, setCounts] = useState({ for: '', against: '', abstain: '' });
  const [recorded, setRecorded] = useState(false);
  const [sides, setSides] = useState<Record<string, Side>>({});
  const [action, setAction] = useState({ text: '', owner: '', dueDate: '' });
  // The form follows the item being taken, and after End stays on the item just taken.
  const item = selected || agenda.currentItem || lastTaken(agenda) || '';
  const [entitlement] = useResult(() => (item === '' ? Promise.resolve(noItem) : api.getItemEntitlement({ meetingId, itemNumber: item })), `entitlement:${meetingId}:${item}:${refreshKey}`);
  const voters = entitlement.state === 'ready' && entitlement.value ? entitlement.value.members.filter((m) => m.mayVote) : [];

  const submitOutcome = async (event: FormEvent) => {
    event.preventDefault();
    const named = (side: Side) => voters.filter((v) => sides[v.memberId] === side).map((v) => v.memberId);
    const number = (side: 'for' | 'against' | 'abstain') => (recorded ? named(side).length : Number(counts[side] || 0));
    const hasVote = recorded || counts.for !== '' || counts.against !== '' || counts.abstain !== '';
    await run(() =>
      api.recordOutcome({
        actingMemberId,
        outcome: {
          meetingId,
          itemNumber: item,
          kind,
          ...(resolution.trim() === '' ? {} : { resolution }),
          ...(hasVote
            ? { vote: { for: number('for'), against: number('against'), abstain: number('abstain'), ...(recorded ? { recorded: { for: named('for'), against: named('against'), abstain: named('abstain') } } : {}) } }
            : {}),
        },
      }),
    );
  };

  const submitAction = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      api.saveAction({ actingMemberId, action: { meetingId, itemNumber: item, text: action.text, owner: action.owner, ...(action.dueDate ? { dueDate: action.dueDate } : {}) } }),
    );
    if (saved) setAction({ text: '', owner: '', dueDate: '' });
  };

  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" tabIndex={-1}>{t('runMeeting.agenda.heading')}</h2>
      {error && <RefusalMessage error={error} fieldIds={{ itemNumber: 'outcome-item', kind: 'outcome-kind', resolution: 'outcome-resolution', vote: 'outcome-vote', mode: 'agenda-heading', text: 'action-text', owner: 'action-owner' }} />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('runMeeting.agenda.item')}</th>
            <th scope="col">{t('runMeeting.agenda.timing')}</th>
            <th scope="col">{t('runMeeting.agenda.actual')}</th>
            <th scope="col">{t('runMeeting.agenda.outcome')}</th>
            <th scope="col">{t('runMeeting.agenda.controls')}</th>
          </tr>
        </thead>
        <tbody>
          {agenda.items.map((i) => {
            const outcome = outcomes.find((o) => o.itemNumber === i.number);
            const label = t('runMeeting.agenda.itemLabel', { number: i.number, title: i.title });
            return (
              <tr key={i.number} className={i.current ? 'current-item' : undefined} aria-current={i.current ? 'step' : undefined} data-item={i.number}>
                <th scope="row">
                  {label}
                  {i.current && <span className="badge"> {t('runMeeting.agenda.current')}</span>}
                  {i.partTwo && <span className="badge"> {t('runMeeting.agenda.partTwo')}</span>}
                  {i.deferred && <span className="badge"> {t('runMeeting.agenda.deferred')}</span>}
                </th>
                <td>{i.indicativeMinutes === null ? '' : t('runMeeting.agenda.minutes', { count: i.indicativeMinutes })}</td>
                <td>
                  {i.startedAt && t('runMeeting.agenda.ran', { from: clock(i.startedAt), to: clock(i.endedAt), minutes: i.elapsedMinutes ?? 0 })}
                  {i.overrun && (
                    <span className="overrun" role="note">
                      {' '}
                      {t('runMeeting.agenda.overrun', { count: (i.elapsedMinutes ?? 0) - (i.indicativeMinutes ?? 0) })}
                    </span>
                  )}
                </td>
                <td>{outcome && t(`runMeeting.outcome.kinds.${outcome.kind}`)}</td>
                <td>
                  {!i.current && !i.deferred && i.startedAt === null && (
                    <button type="button" aria-label={t('runMeeting.agenda.startLabel', { label })} onClick={() => void run(() => api.startAgendaItem({ actingMemberId, meetingId, itemNumber: i.number }))}>
                      {t('runMeeting.agenda.start')}
                    </button>
                  )}
                  {!i.current && !i.deferred && i.startedAt !== null && (
                    <>
                      <button type="button" aria-label={t('runMeeting.agenda.resumeLabel', { label })} onClick={() => void run(() => api.startAgendaItem({ actingMemberId, meetingId, itemNumber: i.number, mode: 'resume' }))}>
                        {t('runMeeting.agenda.resume')}
                      </button>
                      <button type="button" aria-label={t('runMeeting.agenda.correctLabel', { label })} onClick={() => void run(() => api.startAgendaItem({ actingMemberId, meetingId, itemNumber: i.number, mode: 'correct' }))}>
                        {t('runMeeting.agenda.correct')}
                      </button>
                    </>
                  )}
                  {i.current && (
                    <button type="button" aria-label={t('runMeeting.agenda.endLabel', { label })} onClick={() => void run(() => api.endAgendaItem({ actingMemberId, meetingId, itemNumber: i.number }))}>
                      {t('runMeeting.agenda.end')}
                    </button>
                  )}
                  <button type="button" aria-label={t('runMeeting.agenda.partTwoLabel', { label })} aria-pressed={i.partTwo} onClick={() => void run(() => api.markAgendaItem({ actingMemberId, meetingId, itemNumber: i.number, partTwo: !i.partTwo }))}>
                    {t('runMeeting.agenda.partTwo')}
                  </button>
                  <button type="button" aria-label={t('runMeeting.agenda.deferLabel', { label })} aria-pressed={i.deferred} onClick={() => void run(() => api.markAgendaItem({ actingMemberId, meetingId, itemNumber: i.number, deferred: !i.deferred }))}>
                    {t('runMeeting.agenda.defer')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <label>
        {t('runMeeting.outcome.itemChoice')}
        <select id="outcome-item" value={item} onChange={(e) => setSelected(e.target.value)}>
          <option value="">{t('runMeeting.choose')}</option>
          {agenda.items.map((i) => (
            <option key={i.number} value={i.number}>
              {t('runMeeting.agenda.itemLabel', { number: i.number, title: i.title })}
            </option>
          ))}
        </select>
      </label>

      <form onSubmit={(e) => void submitOutcome(e)} aria-labelledby="outcome-heading">
        <h3 id="outcome-heading">{t('runMeeting.outcome.heading', { item })}</h3>
        <label>
          {t('runMeeting.outcome.kind')}
          <select id="outcome-kind" value={kind} onChange={(e) => setKind(e.target.value as OutcomeKind)}>
            {outcomeKinds.map((k) => (
              <option key={k} value={k}>
                {t(`runMeeting.outcome.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runMeeting.outcome.resolution')}
          <textarea id="outcome-resolution" value={resolution} onChange={(e) => setResolution(e.target.value)} rows={3} />
        </label>
        <fieldset>
          <legend>{t('runMeeting.outcome.vote')}</legend>
          <label>
            <input id="outcome-vote" type="checkbox" checked={recorded} onChange={(e) => setRecorded(e.target.checked)} /> {t('runMeeting.outcome.recorded')}
          </label>
          {!recorded &&
            (['for', 'against', 'abstain'] as const).map((side) => (
              <label key={side}>
                {t(`runMeeting.outcome.sides.${side}`)}
                <input type="number" min={0} value={counts[side]} onChange={(e) => setCounts({ ...counts, [side]: e.target.value })} />
              </label>
            ))}
          {recorded && entitlement.state === 'ready' && entitlement.value && <VoteGrid entitlement={entitlement.value} value={sides} onChange={setSides} />}
        </fieldset>
        <button type="submit">{t('runMeeting.outcome.submit')}</button>
      </form>

      <form onSubmit={(e) => void submitAction(e)} aria-labelledby="action-heading">
        <h3 id="action-heading">{t('runMeeting.actions.formHeading', { item })}</h3>
        <label>
          {t('runMeeting.actions.text')}
          <input id="action-text" type="text" value={action.text} onChange={(e) => setAction({ ...action, text: e.target.value })} required />
        </label>
        <label>
          {t('runMeeting.actions.owner')}
          <input id="action-owner" type="text" value={action.owner} onChange={(e) => setAction({ ...action, owner: e.target.value })} required />
        </label>
        <label>
          {t('runMeeting.actions.due')}
          <input type="date" value={action.dueDate} onChange={(e) => setAction({ ...action, dueDate: e.target.value })} />
        </label>
        <button type="submit">{t('runMeeting.actions.submit')}</button>
      </form>
    </section>
  );
}
