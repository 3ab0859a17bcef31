import { forwardRef, useId, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMemberName } from '../i18n/useMemberName';
import type { MeetingRole } from '../../../shared/domain/interests';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import type { SpeakingTurn, SpeakingTurnDraft } from '../../../shared/meeting/speaking';
import { clockFace, isoDuration } from './meetingClock';
import { defaultLimitMinutes, limitChoices } from './speakingLimit';
import { useNow } from './useNow';

interface Props {
  meetingId: string;
  item: LiveAgendaItem;
  roles: readonly MeetingRole[];
  turns: readonly SpeakingTurn[];
  /** Saves a finished turn; true when it was kept. */
  onRecord: (turn: SpeakingTurnDraft) => Promise<boolean>;
}

export interface SpeakingTimerHandle {
  /** The T shortcut: start the timer for the chosen speaker, or stop the one running. */
  toggle: () => void;
}

const someoneElse = '__public';

function Running({ since, limitSeconds }: { since: number; limitSeconds: number }) {
  const { t } = useTranslation();
  const now = useNow();
  const spoken = Math.max(0, Math.floor((now - since) / 1000));
  const over = limitSeconds > 0 ? spoken - limitSeconds : 0;
  return (
    <p className={over > 0 ? 'speaking-clock is-over' : 'speaking-clock'}>
      <time className="clock-face" dateTime={isoDuration(spoken)}>
        {clockFace(spoken)}
      </time>
      {limitSeconds > 0 && (over > 0 ? <strong> {t('runMeeting.speaking.over', { time: clockFace(over) })}</strong> : <span> {t('runMeeting.speaking.left', { time: clockFace(limitSeconds - spoken) })}</span>)}
    </p>
  );
}

/**
 * A speaking timer per speaker, for items where speakers are held to a limit: choose who speaks,
 * start, stop; each turn is kept for the minutes with its length against the limit.
 */
export const SpeakingTimer = forwardRef<SpeakingTimerHandle, Props>(function SpeakingTimer({ meetingId, item, roles, turns, onRecord }, ref) {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const [speaker, setSpeaker] = useState('');
  const [otherName, setOtherName] = useState('');
  const [limitMinutes, setLimitMinutes] = useState(() => defaultLimitMinutes(item.title));
  const [running, setRunning] = useState<{ since: number; memberId?: string; name: string } | null>(null);
  const [problem, setProblem] = useState<'speaker' | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const speakerField = useRef<HTMLSelectElement>(null);
  const fieldId = useId();

  const nameOf = (memberId: string) => roles.find((r) => r.memberId === memberId)?.memberName ?? '';
  const start = () => {
    const name = speaker === someoneElse ? otherName.trim() : nameOf(speaker);
    if (name === '') {
      setProblem('speaker');
      speakerField.current?.focus();
      return;
    }
    setProblem(null);
    setRunning({ since: Date.now(), name, ...(speaker !== someoneElse ? { memberId: speaker } : {}) });
  };
  const stop = async () => {
    if (running === null) return;
    const ended = Date.now();
    const kept = await onRecord({
      meetingId,
      itemNumber: item.number,
      speaker: running.name,
      ...(running.memberId ? { memberId: running.memberId } : {}),
      startedAt: new Date(running.since).toISOString(),
      endedAt: new Date(ended).toISOString(),
      ...(limitMinutes > 0 ? { limitSeconds: limitMinutes * 60 } : {}),
    });
    if (kept) {
      setRunning(null);
      setSpeaker('');
      setOtherName('');
      startButton.current?.focus();
    }
  };
  useImperativeHandle(ref, () => ({ toggle: () => (running === null ? start() : void stop()) }));

  const label = t('runMeeting.agenda.itemLabel', { number: item.number, title: item.title });
  const mine = turns.filter((turn) => turn.itemNumber === item.number);
  return (
    <section className="speaking-timer" aria-labelledby="speaking-heading">
      <h2 id="speaking-heading">{t('runMeeting.speaking.heading')}</h2>
      <p className="hint">{t('runMeeting.speaking.for', { label })}</p>
      <div className="speaking-fields">
        <div className="form-field">
          <label htmlFor={`${fieldId}-speaker`}>{t('runMeeting.speaking.speaker')}</label>
          {problem === 'speaker' && (
            <p className="field-error" id={`${fieldId}-error`}>
              {t('runMeeting.speaking.chooseSpeaker')}
            </p>
          )}
          <select
            id={`${fieldId}-speaker`}
            ref={speakerField}
            value={speaker}
            disabled={running !== null}
            aria-describedby={problem === 'speaker' ? `${fieldId}-error` : undefined}
            onChange={(e) => setSpeaker(e.target.value)}
          >
            <option value="">{t('runMeeting.choose')}</option>
            {roles.map((r) => (
              <option key={r.memberId} value={r.memberId}>
                {displayName(r.memberName)}
              </option>
            ))}
            <option value={someoneElse}>{t('runMeeting.speaking.someoneElse')}</option>
          </select>
        </div>
        {speaker === someoneElse && (
          <div className="form-field">
            <label htmlFor={`${fieldId}-name`}>{t('runMeeting.speaking.otherName')}</label>
            <input id={`${fieldId}-name`} type="text" value={otherName} disabled={running !== null} onChange={(e) => setOtherName(e.target.value)} />
          </div>
        )}
        <div className="form-field">
          <label htmlFor={`${fieldId}-limit`}>{t('runMeeting.speaking.limit')}</label>
          <select id={`${fieldId}-limit`} value={limitMinutes} disabled={running !== null} onChange={(e) => setLimitMinutes(Number(e.target.value))}>
            {limitChoices.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('runMeeting.speaking.noLimit') : t('runMeeting.agenda.minutes', { count: m })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {running === null ? (
        <button type="button" ref={startButton} className="large" aria-keyshortcuts="T" onClick={start}>
          {t('runMeeting.speaking.start')}
        </button>
      ) : (
        <div className="speaking-running">
          <p>{t('runMeeting.speaking.speaking', { name: displayName(running.name) })}</p>
          <Running since={running.since} limitSeconds={limitMinutes * 60} />
          <button type="button" className="large primary" aria-keyshortcuts="T" onClick={() => void stop()}>
            {t('runMeeting.speaking.stop', { name: displayName(running.name) })}
          </button>
        </div>
      )}
      {mine.length > 0 && (
        <table className="compact-table">
          <caption>{t('runMeeting.speaking.turns', { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('runMeeting.speaking.speaker')}</th>
              <th scope="col">{t('runMeeting.speaking.spoke')}</th>
              <th scope="col">{t('runMeeting.speaking.limit')}</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((turn) => (
              <tr key={turn.id}>
                <th scope="row">{turn.speaker}</th>
                <td>
                  <time dateTime={isoDuration(turn.seconds)}>{clockFace(turn.seconds)}</time>
                  {turn.overSeconds > 0 && <strong className="speaking-over"> {t('runMeeting.speaking.over', { time: clockFace(turn.overSeconds) })}</strong>}
                </td>
                <td>{turn.limitSeconds === null ? t('runMeeting.speaking.noLimit') : clockFace(turn.limitSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
