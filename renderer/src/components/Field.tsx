import { useTranslation } from 'react-i18next';

interface FieldProps {
  name: string;
  label: string;
  hint: string;
  type: 'text' | 'date' | 'time' | 'password';
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  autoComplete?: string;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ name, label, hint, type, value, error, onChange, autoComplete = 'off' }: FieldProps) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label} <span className="required">({t('newMeeting.required')})</span>
      </label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        required
        aria-required="true"
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={describedBy}
        autoComplete={autoComplete}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
