import { useState } from 'react';
export { useActingMember } from '../identity/useActingMember';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../../shared/result';
import { ErrorMessage } from '../components/ErrorMessage';
import type { Loaded } from '../components/useResult';

/** A refused change: the translated reason, and each broken rule in words. */
export function RefusalMessage({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const issues = error.issues ?? [];
  if (issues.length === 0 || (error.code !== 'MEETING_RULE_BROKEN' && error.code !== 'DECLARATION_INVALID' && error.code !== 'INVALID_INPUT')) return <ErrorMessage error={error} />;
  return (
    <div className="error-message" role="alert">
      <p>
        <strong>{t('errors.title')}: </strong>
        {t(`errors.${error.code}`)}
      </p>
      <ul>
        {issues.map((issue, index) => (
          <li key={index}>{t([`runMeeting.issues.${issue.code}`, `declarations.${issue.code}`, 'runMeeting.issues.other'])}</li>
        ))}
      </ul>
    </div>
  );
}

/** Runs a change, remembers a refusal to show it, and tells the page to reload after success. */
export function useChange(onChanged: () => void): [ApiError | null, <T>(run: () => Promise<Result<T>>) => Promise<T | null>] {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T,>(change: () => Promise<Result<T>>): Promise<T | null> => {
    const result = await change();
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setError(null);
    onChanged();
    return result.value;
  };
  return [error, run];
}

/** While a screen reloads after a change, keep showing what it had (forms keep their state). */
export function useLastReady<T>(loaded: Loaded<T>): Loaded<T> {
  const [last, setLast] = useState<Loaded<T>>(loaded);
  // Remembering the previous answer during render is React's pattern for "state from the last render".
  if (loaded.state !== 'loading' && loaded !== last) setLast(loaded);
  return loaded.state === 'loading' && last.state === 'ready' ? last : loaded;
}
