import { useEffect, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import type { HeldSelection } from './useTextSelection';

interface SelectionPopoverProps {
  held: HeldSelection;
  popoverRef: RefObject<HTMLDivElement | null>;
  onHighlight: () => void;
  onNote: () => void;
  onQuestion: (() => void) | null;
  onCopy: () => void;
  onClose: () => void;
}

/**
 * The few things to do with selected text, beside it: highlight, note, question, copy with its
 * reference. It comes first in the pages' tab order (Tab from the pages reaches it), and Escape
 * closes it, leaving focus on the pages.
 */
export function SelectionPopover({ held, popoverRef, onHighlight, onNote, onQuestion, onCopy, onClose }: SelectionPopoverProps) {
  const { t } = useTranslation();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      const inside = popoverRef.current?.contains(document.activeElement) ?? false;
      onClose();
      if (inside) popoverRef.current?.closest<HTMLElement>('.reader-pages')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, popoverRef]);

  // Highlight and copy return to the pages; note and question open where the writing happens.
  const act = (action: () => void, backToPages = true) => (event: MouseEvent<HTMLButtonElement>) => {
    const pages = event.currentTarget.closest<HTMLElement>('.reader-pages');
    action();
    onClose();
    if (backToPages) pages?.focus();
  };

  return (
    <div
      ref={popoverRef}
      className="selection-popover"
      role="toolbar"
      aria-label={t('reader.selection.label')}
      style={{ left: held.at.left, top: held.at.top }}
      // Pressing a button must not collapse the text selection it acts on.
      onPointerDown={(e) => e.preventDefault()}
    >
      <button type="button" className="tb-button" onClick={act(onHighlight)}>
        <Icon name="highlight" />
        <span>{t('reader.selection.highlight')}</span>
      </button>
      <button type="button" className="tb-button" onClick={act(onNote, false)}>
        <Icon name="note" />
        <span>{t('reader.selection.note')}</span>
      </button>
      {onQuestion && (
        <button type="button" className="tb-button" onClick={act(onQuestion, false)}>
          <Icon name="question" />
          <span>{t('reader.selection.question')}</span>
        </button>
      )}
      <button type="button" className="tb-button" onClick={act(onCopy)}>
        <Icon name="copy" />
        <span>{t('reader.selection.copy')}</span>
      </button>
    </div>
  );
}
