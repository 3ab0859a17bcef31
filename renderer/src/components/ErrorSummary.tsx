import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/result';

/** Refusals that are the person's to fix (a rule, a field, a permission), never "something went wrong". */
const refusalCodes = new Set(['MEETING_RULE_BROKEN', 'DECLARATION_INVALID', 'INVALID_INPUT', 'FORBIDDEN', 'NOT_FOUND']);

export const isRefusal = (error: ApiError) => refusalCodes.has(error.code);

interface Props {
  error: ApiError;
  /** The id of the control each issue's first path segment names, so the summary can link to it. */
  fieldIds?: Record<string, string>;
}

/**
 * The GOV.UK error summary: "There is a problem", then each broken rule in words, linked to the
 * field it is about. It takes focus when it appears so a keyboard or screen-reader user hears it.
 */
export function ErrorSummary({ error, fieldIds = {} }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => ref.current?.focus(), [error]);
  const issues = error.issues ?? [];
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId} className="error-summary-title">
        {t('errorSummary.title')}
      </h2>
      <p>{t(`errors.${error.code}`, { defaultValue: t('errors.INVALID_INPUT') })}</p>
      {issues.length > 0 && (
        <ul className="error-summary-list">
          {issues.map((issue, index) => {
            const text = t([`runMeeting.issues.${issue.code}`, `declarations.${issue.code}`, `members.issues.${issue.code}`, 'runMeeting.issues.other']);
            const field = fieldIds[String(issue.path[0] ?? '')];
            return (
              <li key={index}>
                {field ? (
                  <a
                    href={`#${field}`}
                    onClick={(event) => {
                      // The app routes on the hash, so move focus instead of following the link.
                      event.preventDefault();
                      document.getElementById(field)?.focus();
                    }}
                  >
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
