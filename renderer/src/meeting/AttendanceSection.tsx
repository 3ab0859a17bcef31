import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingRole } from '../../../shared/domain/interests';
import { statusesFor } from '../../../shared/meeting/attendance';
import type { Attendance, AttendanceStatus } from '../../../shared/meeting/schema';
import { useApi } from '../api/ApiContext';
import { RefusalMessage, useChange } from './shared';

interface Props {
  meetingId: string;
  actingMemberId: string;
  roles: MeetingRole[];
  attendance: Attendance;
  onChanged: () => void;
}

/** Who is here: one row per person with a role, the substitute's member, and the quorum. */
export function AttendanceSection({ meetingId, actingMemberId, roles, attendance, onChanged }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, run] = useChange(onChanged);
  const entryOf = (memberId: string) => attendance.entries.find((e) => e.memberId === memberId);
  const [substituteFor, setSubstituteFor] = useState<Record<string, string>>({});
  const voting = roles.filter((r) => r.role === 'chair' || r.role === 'vice-chair' || r.role === 'member');

  const [pending, setPending] = useState<Record<string, AttendanceStatus>>({});
  const stepping = useRef(false);

  const record = (memberId: string, status: AttendanceStatus, replaces = substituteFor[memberId] ?? entryOf(memberId)?.substituteFor) => {
    const { arrivedAtItem, departedAtItem } = entryOf(memberId) ?? {};
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

  const { quorum } = attendance;
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('runMeeting.attendance.heading')}</h2>
      <p className={quorum.quorate ? 'quorum' : 'quorum quorum-missing'} role="status">
        {t(quorum.quorate ? 'runMeeting.attendance.quorate' : 'runMeeting.attendance.notQuorate', { present: quorum.votingPresent, required: quorum.required, membership: quorum.votingMembership })}
      </p>
      {error && <RefusalMessage error={error} />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('runMeeting.attendance.member')}</th>
            <th scope="col">{t('runMeeting.attendance.role')}</th>
            <th scope="col">{t('runMeeting.attendance.status')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => {
            const entry = entryOf(r.memberId);
            return (
              <tr key={r.memberId}>
                <th scope="row">{r.memberName}</th>
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
                        aria-label={t('runMeeting.attendance.substituteForLabel', { name: r.memberName })}
                      >
                        <option value="">{t('runMeeting.choose')}</option>
                        {voting.map((v) => (
                          <option key={v.memberId} value={v.memberId}>
                            {v.memberName}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  <select
                    aria-label={t('runMeeting.attendance.statusLabel', { name: r.memberName })}
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
                  {entry?.substituteForName && <span> {t('runMeeting.attendance.substituting', { name: entry.substituteForName })}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
