import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { NewMeeting } from '../../../shared/domain/meeting';
import type { ApiError, FieldIssue } from '../../../shared/result';
import { issuesFromZod } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { usePageTitle } from '../components/usePageTitle';
import { formatMeetingDate, londonWallClock } from '../format/dates';

const fieldNames = ['title', 'committee', 'date', 'startTime', 'venue'] as const;
type FieldName = (typeof fieldNames)[number];
type Draft = Record<FieldName, string>;

const fieldTypes: Record<FieldName, 'text' | 'date' | 'time'> = {
  title: 'text',
  committee: 'text',
  date: 'date',
  startTime: 'time',
  venue: 'text',
};

const knownCodes = new Set(['required', 'too_long', 'date_format', 'date_invalid', 'time_format']);

export function NewMeetingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>({ title: '', committee: '', date: '', startTime: '', venue: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('newMeeting.title'));

  const messageFor = (issue: FieldIssue) => t(`validation.${knownCodes.has(issue.code) ? issue.code : 'invalid'}`);

  const showIssues = (issues: FieldIssue[]) => {
    const errors: Partial<Record<FieldName, string>> = {};
    for (const issue of issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && (fieldNames as readonly string[]).includes(field)) {
        errors[field as FieldName] ??= messageFor(issue);
      }
    }
    setFieldErrors(errors);
    // Move focus to the summary so keyboard and screen-reader users learn what to fix.
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    // The same schema the core enforces, so the reader hears about mistakes before a round trip.
    const parsed = NewMeeting.safeParse(draft);
    if (!parsed.success) {
      showIssues(issuesFromZod(parsed.error));
      return;
    }
    setSaving(true);
    const created = await api.createMeeting(parsed.data);
    setSaving(false);
    if (!created.ok) {
      if (created.error.issues) showIssues(created.error.issues);
      setFailure(created.error);
      return;
    }
    void navigate('/', { state: { createdTitle: created.value.title } });
  };

  const errorCount = Object.keys(fieldErrors).length;
  // A new meeting starts as Scheduled; one dated before today is usually a typing slip (or a meeting
  // already held being recorded), so it is said, never refused.
  const inThePast = NewMeeting.shape.date.safeParse(draft.date).success && draft.date < londonWallClock(new Date()).date;

  return (
    <section aria-labelledby="new-meeting-heading">
      <h1 id="new-meeting-heading">{t('newMeeting.title')}</h1>
      <p>{t('newMeeting.intro')}</p>
      {errorCount > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t('newMeeting.errorSummary')}</h2>
          <p>{t('newMeeting.errorCount', { count: errorCount })}</p>
          <ul>
            {fieldNames
              .filter((name) => fieldErrors[name])
              .map((name) => (
                <li key={name}>
                  <a
                    href={`#field-${name}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(`field-${name}`)?.focus();
                    }}
                  >
                    {t(`newMeeting.fields.${name}`)}: {fieldErrors[name]}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      )}
      {failure && !failure.issues && <ErrorMessage error={failure} />}
      <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={errorCount > 0 ? 'error-summary-title' : undefined}>
        {fieldNames.map((name) => (
          <Field
            key={name}
            name={name}
            type={fieldTypes[name]}
            label={t(`newMeeting.fields.${name}`)}
            hint={t(`newMeeting.hints.${name}`)}
            value={draft[name]}
            error={fieldErrors[name]}
            onChange={(value) => setDraft((d) => ({ ...d, [name]: value }))}
          />
        ))}
        <div aria-live="polite">
          {inThePast && (
            <div className="warning" id="past-date-warning">
              <p>{t('meetingWarnings.pastScheduled', { date: formatMeetingDate(draft.date, t) })}</p>
            </div>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
            {saving ? t('newMeeting.saving') : t('newMeeting.submit')}
          </button>
          <Link to="/">{t('newMeeting.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
