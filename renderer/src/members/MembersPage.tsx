import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { meetingRoles, type MeetingRole, type MeetingRoleName } from '../../../shared/domain/interests';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { useMemberName } from '../i18n/useMemberName';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/usePageTitle';
import { useResult } from '../components/useResult';
import { RefusalMessage, useActingMember, useLastReady } from '../meeting/shared';
import { RegisterImport } from './RegisterImport';

const newId = () => window.crypto.randomUUID();

/**
 * Who is who at the meeting: the membership the council published (front sheet, Modern.gov, the
 * endpoint's register), plus substitutes, officers and others in attendance the chair or clerk adds,
 * names and roles corrected here.
 */
export function MembersPage() {
  const displayName = useMemberName();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [actingMemberId] = useActingMember();
  const [meeting] = useResult(() => api.getMeeting({ id }), `meeting:${id}`);
  const roles = useLastReady(useResult(() => api.listMeetingRoles({ meetingId: id }), `roles:${id}:${version}`)[0]);
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState({ name: '', role: 'member' as MeetingRoleName });
  const [saved, setSaved] = useState('');
  usePageTitle(t('members.title'));

  if (meeting.state === 'failed') return <ErrorMessage error={meeting.error} />;
  if (roles.state === 'failed') return <ErrorMessage error={roles.error} />;
  if (meeting.state !== 'ready' || roles.state !== 'ready') return <p aria-busy="true">{t('app.loading')}</p>;

  const done = (message: string) => {
    setError(null);
    setSaved(message);
    setVersion((v) => v + 1);
  };

  const addPerson = async (event: FormEvent) => {
    event.preventDefault();
    const name = added.name.trim();
    if (name === '') {
      setError({ code: 'INVALID_INPUT', message: 'name', issues: [{ path: ['name'], code: 'name_required', message: 'Give the name' }] });
      return;
    }
    const known = await api.listMembers({});
    const existing = known.ok ? known.value.find((m) => m.name.toLowerCase() === name.toLowerCase()) : undefined;
    const memberId = existing?.id ?? newId();
    if (!existing) {
      const member = await api.saveMember({ id: memberId, name });
      if (!member.ok) return setError(member.error);
    }
    const role = await api.setMeetingRole({ actingMemberId, meetingId: id, memberId, role: added.role });
    if (!role.ok) return setError(role.error);
    setAdded({ name: '', role: 'member' });
    done(t('members.added', { name: displayName(name), role: t(`runMeeting.roles.${added.role}`) }));
  };

  return (
    <section aria-labelledby="members-heading" className="members-page">
      <p>
        <Link to={`/meetings/${id}`}>{t('runMeeting.back')}</Link>
      </p>
      <h1 id="members-heading">{t('members.heading', { title: meeting.value.title })}</h1>
      <p className="hint">{t('members.intro')}</p>
      {error && <RefusalMessage error={error} fieldIds={{ name: 'member-name', role: 'member-role', memberId: 'member-name', registerFile: 'register-file', csv: 'register-file', json: 'register-file' }} />}
      {saved && (
        <p role="status" className="saved">
          {saved}
        </p>
      )}
      <table className="members-table">
        <caption>{t('members.caption', { count: roles.value.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('members.name')}</th>
            <th scope="col">{t('members.role')}</th>
          </tr>
        </thead>
        <tbody>
          {roles.value.map((r) => (
            // Keyed by the name as shown, so switching language starts the row afresh with its title.
            <MemberRow key={`${r.memberId}:${displayName(r.memberName)}`} role={r} actingMemberId={actingMemberId} onSaved={done} onRefused={setError} />
          ))}
        </tbody>
      </table>

      <form onSubmit={(e) => void addPerson(e)} aria-labelledby="add-member-heading" className="add-member" noValidate>
        <h2 id="add-member-heading">{t('members.add')}</h2>
        <p className="hint">{t('members.addHint')}</p>
        <div className="field">
          <label htmlFor="member-name">{t('members.name')}</label>
          <input id="member-name" type="text" value={added.name} onChange={(e) => setAdded({ ...added, name: e.target.value })} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="member-role">{t('members.role')}</label>
          <select id="member-role" value={added.role} onChange={(e) => setAdded({ ...added, role: e.target.value as MeetingRoleName })}>
            {meetingRoles.map((role) => (
              <option key={role} value={role}>
                {t(`members.roleChoices.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('members.addButton')}</button>
      </form>

      <RegisterImport actingMemberId={actingMemberId} onImported={done} onRefused={setError} />
    </section>
  );
}

interface RowProps {
  role: MeetingRole;
  actingMemberId: string;
  onSaved: (message: string) => void;
  onRefused: (error: ApiError) => void;
}

/** One person: fix the name or the role, saved with a button (never at each arrow-key step). */
function MemberRow({ role, actingMemberId, onSaved, onRefused }: RowProps) {
  const displayName = useMemberName();
  const { t } = useTranslation();
  const api = useApi();
  // Shown with the title of the language in use; the stored name changes only if the words do.
  const shown = displayName(role.memberName);
  const [name, setName] = useState(shown);
  const [roleName, setRoleName] = useState<MeetingRoleName>(role.role);
  const renamed = name.trim() !== shown;
  const changed = renamed || roleName !== role.role;

  const save = async () => {
    if (renamed) {
      const renamed = await api.saveMember({ id: role.memberId, name });
      if (!renamed.ok) return onRefused(renamed.error);
    }
    if (roleName !== role.role) {
      const updated = await api.setMeetingRole({ actingMemberId, meetingId: role.meetingId, memberId: role.memberId, role: roleName });
      if (!updated.ok) return onRefused(updated.error);
    }
    onSaved(t('members.saved', { name: displayName(name.trim()) }));
  };

  return (
    <tr>
      <td>
        <label className="visually-hidden" htmlFor={`name-${role.memberId}`}>
          {t('members.nameOf', { name: shown })}
        </label>
        <input id={`name-${role.memberId}`} type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${role.memberId}`}>
          {t('members.roleOf', { name: shown })}
        </label>
        <select id={`role-${role.memberId}`} value={roleName} onChange={(e) => setRoleName(e.target.value as MeetingRoleName)}>
          {meetingRoles.map((r) => (
            <option key={r} value={r}>
              {t(`members.roleChoices.${r}`)}
            </option>
          ))}
        </select>{' '}
        {changed && (
          <button type="button" onClick={() => void save()} aria-label={t('members.saveOf', { name: shown })}>
            {t('members.save')}
          </button>
        )}
      </td>
    </tr>
  );
}
