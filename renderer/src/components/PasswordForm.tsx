import { useState, type FormEvent, type ReactNode } from 'react';
import { Field } from './Field';

interface PasswordFormProps {
  /** The field's name (its id is field-<name>). */
  name: string;
  label: string;
  hint: string;
  /** The last password given did not open the PDF. */
  wrong: boolean;
  wrongText: string;
  emptyText: string;
  onSubmit: (password: string) => void;
  /** Above the field (heading, explanation) and below it (the buttons, submit first). */
  before: ReactNode;
  actions: ReactNode;
  className?: string;
  labelledBy?: string;
}

/**
 * A protected PDF's password: one field whose errors name it and say what to do. The password is
 * held in this form's state only until it is handed on; an empty one is refused here, not sent.
 */
export function PasswordForm({ name, label, hint, wrong, wrongText, emptyText, onSubmit, before, actions, className, labelledBy }: PasswordFormProps) {
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length === 0) {
      setEmpty(true);
      return;
    }
    setPassword('');
    onSubmit(password);
  };

  return (
    <form className={className} noValidate onSubmit={submit} aria-labelledby={labelledBy}>
      {before}
      <Field
        name={name}
        label={label}
        hint={hint}
        type="password"
        value={password}
        error={empty ? emptyText : wrong ? wrongText : undefined}
        onChange={(value) => {
          setPassword(value);
          setEmpty(false);
        }}
      />
      <div className="form-actions">{actions}</div>
    </form>
  );
}
