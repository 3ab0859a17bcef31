import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface NoteEditorProps {
  kind: 'note' | 'free-text';
  initial: string;
  editing: boolean;
  onSave: (text: string) => void;
  onCancel: () => void;
  onDelete?: (() => void) | undefined;
}

/** Writing a sticky note or free text; Escape cancels, Ctrl+Enter saves. */
export function NoteEditor({ kind, initial, editing, onSave, onCancel, onDelete }: NoteEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState(false);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) {
      setError(true);
      return;
    }
    onSave(text.trim());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && event.ctrlKey) submit();
  };
  return (
    <div className="note-editor" role="dialog" aria-labelledby={`${id}-title`}>
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <h2 id={`${id}-title`}>{t(editing ? `annotations.editor.edit.${kind}` : `annotations.editor.new.${kind}`)}</h2>
      <label htmlFor={`${id}-text`}>{t('annotations.editor.text')}</label>
      <textarea
        id={`${id}-text`}
        value={text}
        autoFocus
        rows={4}
        maxLength={20000}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t('annotations.editor.empty')}
        </p>
      )}
      <div className="actions">
        <button type="submit">{t('annotations.editor.save')}</button>
        <button type="button" onClick={onCancel}>
          {t('annotations.editor.cancel')}
        </button>
        {onDelete && (
          <button type="button" className="danger" onClick={onDelete}>
            {t('annotations.delete')}
          </button>
        )}
      </div>
    </form>
    </div>
  );
}
