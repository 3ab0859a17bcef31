import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface GoToPageProps {
  pageCount: number;
  onGo: (page: number) => void;
}

/** The "Go to page" field (its accessible name is relied on by measurements outside the app). */
export function GoToPage({ pageCount, onGo }: GoToPageProps) {
  const { t } = useTranslation();
  const id = useId();
  const [goTo, setGoTo] = useState('');
  const [goToError, setGoToError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const page = Number(goTo);
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      setGoToError(t('reader.goTo.invalid', { total: pageCount }));
      return;
    }
    setGoToError(null);
    onGo(page);
  };

  return (
    <form className="goto" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-goto`}>{t('reader.goTo.label')}</label>
      <input
        id={`${id}-goto`}
        type="number"
        inputMode="numeric"
        min={1}
        max={pageCount}
        value={goTo}
        onChange={(e) => setGoTo(e.target.value)}
        aria-invalid={goToError ? 'true' : 'false'}
        aria-describedby={goToError ? `${id}-goto-error` : undefined}
      />
      <button type="submit">{t('reader.goTo.submit')}</button>
      {goToError && (
        <span id={`${id}-goto-error`} className="field-error" role="alert">
          {goToError}
        </span>
      )}
    </form>
  );
}
