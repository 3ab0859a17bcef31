import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMemberName } from '../i18n/useMemberName';
import type { MeetingRole } from '../../../shared/domain/interests';
import { statusesFor } from '../../../shared/meeting/attendance';
import type { Attendance, AttendanceStatus, LiveAgendaItem } from '../../../shared/meeting/schema';
import { useApi } from '../api/ApiContext';
import { SteppedSelect } from '../live/SteppedSelect';
import { RefusalMessage, useChange } from './shared';

interface Props {
  meetingId: string;
  actingMemberId: string;
  roles: MeetingRole[];
  attendance: Attendance;
  /** The day's agenda, for arrivals and departures during the meeting. */
  items: readonly Pick<LiveAgendaItem, 'number' | 'title'>[];
  onChanged: () => void;
}

type Times = { arrivedAtItem?: string | undefined; departedAtItem?: string | undefined };

/**
 * Who is here, as a compact grid: one row per person with a role, their attendance, whom a
 * substitute replaces, and the item at which anyone arrived late or left early; the quorum above.
 */
export function AttendanceSection({ meetingId, actingMemberId, roles, attendance, items, onChanged }: Props) {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const api = useApi();
  const [error, run] = useChange(onChanged);
  const entryOf = (memberId: string) => attendance.entries.find((e) => e.memberId === memberId);
  const [substituteFor, setSubstituteFor] = useState<Record<string, string>>({});
  const voting = roles.filter((r) => r.role === 'chair' || r.role === 'vice-chair' || r.role === 'member');

  const [pending, setPending] = useState<Record<string, AttendanceStatus>>({});
  const stepping = useRef(false);

  const record = (memberId: string, status: AttendanceStatus, replaces = substituteFor[memberId] ?? entryOf(memberId)?.substituteFor, times: Times = entryOf(memberId) ?? {}) => {
    const { arrivedAtItem, departedAtItem } = times;
    return run(() =>
      api.recordAttendance({
        actingMemberId,
        attendance: {
          meetingId,
          memberId,
          status,
          ...(status === 'substitute' && replaces ? { substituteFor: replaces } : {}),
          ...(arrivedAtItem ? { arrivedAtItem } : {}),
          ...(departedAtItem ? { departedAtItem } : {}),
        },
      }),
    );
  };

  // Arrow keys on a closed select change it a step at a time: keep the step, save on Enter or on leaving.
  const choose = (memberId: string, status: AttendanceStatus) => {
    if (stepping.current) setPending({ ...pending, [memberId]: status });
    else void record(memberId, status);
  };
  const settle = (memberId: string) => {
    const status = pending[memberId];
    if (status === undefined) return;
    const { [memberId]: _settled, ...rest } = pending;
    setPending(rest);
    if (status !== entryOf(memberId)?.status) void record(memberId, status);
  };

  const moved = (memberId: string, key: keyof Times, item: string) => {
    const entry = entryOf(memberId);
    if (entry === undefined) return;
    void record(memberId, entry.status, undefined, { arrivedAtItem: entry.arrivedAtItem, departedAtItem: entry.departedAtItem, [key]: item === '' ? undefined : item });
  };
  const itemOptions = (whole: string) => (
    <>
      <option value="">{whole}</option>
      {items.map((i) => (
        <option key={i.number} value={i.number}>
          {t('runMeeting.attendance.atItem', { number: i.number })}
        </option>
      ))}
    </>
  );

  const { quorum } = attendance;
  return (
    <section aria-labelledby="attendance-heading" className="attendance-grid">
      <h2 id="attendance-heading">{t('runMeeting.attendance.heading')}</h2>
      <p className={quorum.quorate ? 'quorum' : 'quorum quorum-missing'} role="status">
        {t(quorum.quorate ? 'runMeeting.attendance.quorate' : 'runMeeting.attendance.notQuorate', { present: quorum.votingPresent, required: quorum.required, membership: quorum.votingMembership })}
      </p>
      {error && <RefusalMessage error={error} />}
      {/* Focusable so a keyboard user can scroll it when the side column is narrower than the grid. */}
      <div className="grid-scroll" tabIndex={0} role="region" aria-label={t('runMeeting.attendance.grid')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('runMeeting.attendance.member')}</th>
            <th scope="col">{t('runMeeting.attendance.role')}</th>
            <th scope="col">{t('runMeeting.attendance.status')}</th>
            <th scope="col">{t('runMeeting.attendance.during')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => {
            const entry = entryOf(r.memberId);
            return (
              <tr key={r.memberId}>
                <th scope="row">{displayName(r.memberName)}</th>
                <td>{t(`runMeeting.roles.${r.role}`)}</td>
                <td>
                  {r.role === 'substitute' && (
                    <label>
                      {t('runMeeting.attendance.substituteFor')}{' '}
                      <select
                        value={substituteFor[r.memberId] ?? entry?.substituteFor ?? ''}
                        onChange={(e) => {
                          setSubstituteFor({ ...substituteFor, [r.memberId]: e.target.value });
                          // Already substituting: the new member replaced is saved at once.
                          if (entry?.status === 'substitute' && e.target.value !== '') void record(r.memberId, 'substitute', e.target.value);
                        }}
                        aria-label={t('runMeeting.attendance.substituteForLabel', { name: displayName(r.memberName) })}
                      >
                        <option value="">{t('runMeeting.choose')}</option>
                        {voting.map((v) => (
                          <option key={v.memberId} value={v.memberId}>
                            {displayName(v.memberName)}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  <select
                    aria-label={t('runMeeting.attendance.statusLabel', { name: displayName(r.memberName) })}
                    value={pending[r.memberId] ?? entry?.status ?? ''}
                    onKeyDown={(e) => {
                      stepping.current = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key);
                      if (e.key === 'Enter') settle(r.memberId);
                    }}
                    onKeyUp={() => {
                      stepping.current = false;
                    }}
                    onBlur={() => settle(r.memberId)}
                    onChange={(e) => choose(r.memberId, e.target.value as AttendanceStatus)}
                  >
                    <option value="">{t('runMeeting.attendance.notRecorded')}</option>
                    {statusesFor(r.role).map((s) => (
                      <option key={s} value={s}>
                        {t(`runMeeting.attendance.statuses.${s}`)}
                      </option>
                    ))}
                  </select>
                  {entry?.substituteForName && <span> {t('runMeeting.attendance.substituting', { name: displayName(entry.substituteForName) })}</span>}
                </td>
                {entry === undefined || entry.status === 'apologies' || entry.status === 'absent' ? (
                  <td />
                ) : (
                  <td className="arrivals">
                    <label>
                      <span aria-hidden="true">{t('runMeeting.attendance.arrived')}</span>
                      <SteppedSelect label={t('runMeeting.attendance.arrivedLabel', { name: displayName(r.memberName) })} value={entry.arrivedAtItem ?? ''} onSave={(v) => moved(r.memberId, 'arrivedAtItem', v)}>
                        {itemOptions(t('runMeeting.attendance.fromStart'))}
                      </SteppedSelect>
                    </label>
                    <label>
                      <span aria-hidden="true">{t('runMeeting.attendance.departed')}</span>
                      <SteppedSelect label={t('runMeeting.attendance.departedLabel', { name: displayName(r.memberName) })} value={entry.departedAtItem ?? ''} onSave={(v) => moved(r.memberId, 'departedAtItem', v)}>
                        {itemOptions(t('runMeeting.attendance.toEnd'))}
                      </SteppedSelect>
                    </label>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
    </section>
  );
}
