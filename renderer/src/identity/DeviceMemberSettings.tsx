import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { useMemberName } from '../i18n/useMemberName';
import { useActingMember } from './useActingMember';

/** Settings section: "This device is used by …", and the one recorded choice that changes it. */
export function DeviceMemberSettings() {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const api = useApi();
  const [memberId, choose, identity] = useActingMember();
  const [members] = useResult(() => api.listMembers({}), 'members');
  const [picked, setPicked] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (picked === '') return;
    setSaved(false);
    const refused = await choose(picked);
    setError(refused);
    setSaved(refused === null);
  };

  const name = identity?.source === 'device' ? t('identity.deviceOnly') : displayName(identity?.memberName ?? memberId);
  return (
    <section aria-labelledby="identity-heading" className="settings-section">
      <h2 id="identity-heading">{t('identity.heading')}</h2>
      {identity && <p className="device-member">{t('identity.usedBy', { name })}</p>}
      {identity?.canChoose === false ? (
        <p className="hint">{t('identity.signedIn')}</p>
      ) : members.state === 'failed' ? (
        <ErrorMessage error={members.error} />
      ) : members.state === 'ready' && members.value.length === 0 ? (
        <p className="empty">{t('identity.noMembers')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('identity.chooseLabel')}
            <select value={picked} onChange={(e) => setPicked(e.target.value)}>
              <option value="">{t('identity.placeholder')}</option>
              {members.state === 'ready' &&
                members.value.map((m) => (
                  <option key={m.id} value={m.id}>
                    {displayName(m.name)}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" disabled={picked === ''}>
            {t('identity.choose')}
          </button>
        </form>
      )}
      {saved && (
        <p role="status">{t('identity.chosen', { name: displayName(identity?.memberName ?? memberId) })}</p>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
