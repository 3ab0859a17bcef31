import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichText } from '../../../shared/minutes/richText';
import { fillFromRichText, richTextFromElement } from './richTextDom';

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';
const commands: readonly Command[] = ['bold', 'italic', 'insertUnorderedList', 'insertOrderedList'];

interface Props {
  id: string;
  label: string;
  value: RichText;
  disabled: boolean;
  onChange: (value: RichText) => void;
  /** The line that says whether the words are saved. */
  describedBy?: string;
}

/**
 * A small rich-text editor for the clerk's narrative: bold, italic, bulleted and numbered lists.
 * The browser's editing does the typing; what is kept is only the tree `richTextFromElement` reads
 * back, never the HTML. Ctrl+B and Ctrl+I work as in any word processor.
 */
export function RichTextEditor({ id, label, value, disabled, onChange, describedBy }: Props) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Record<Command, boolean>>({ bold: false, italic: false, insertUnorderedList: false, insertOrderedList: false });
  const initial = useRef(value);

  useEffect(() => {
    // Set once: React must not re-render the editable content under the caret.
    if (area.current) fillFromRichText(area.current, initial.current);
  }, []);

  const refreshState = () => {
    const next = { ...active };
    for (const c of commands) next[c] = document.queryCommandState(c);
    setActive(next);
  };
  const apply = (command: Command) => {
    area.current?.focus();
    // execCommand is deprecated but still the only editing primitive every Chromium ships; the
    // result is re-read into the safe tree either way.
    document.execCommand(command);
    refreshState();
    if (area.current) onChange(richTextFromElement(area.current));
  };

  return (
    <div className="rich-text">
      <div role="toolbar" aria-label={t('minutes.screen.toolbar', { item: label })} aria-controls={id} className="rich-text-toolbar">
        {commands.map((c) => (
          <button key={c} type="button" aria-pressed={active[c]} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={() => apply(c)}>
            {t(`minutes.screen.format.${c}`)}
          </button>
        ))}
      </div>
      <div
        id={id}
        ref={area}
        className="rich-text-area"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-describedby={describedBy}
        aria-disabled={disabled}
        tabIndex={0}
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={() => area.current && onChange(richTextFromElement(area.current))}
        onKeyUp={refreshState}
        onMouseUp={refreshState}
      />
    </div>
  );
}
