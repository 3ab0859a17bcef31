import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { readSelection, type PageSelection } from '../annotations/selection';

export interface HeldSelection {
  selection: PageSelection;
  /** Where to put the pop-over, in the scroll content's pixels (it scrolls with the text). */
  at: { left: number; top: number };
}

/**
 * The text selected on a page, held while the member moves to the pop-over beside it: a click or
 * Tab into the pop-over must not lose it. It clears when the selection collapses elsewhere.
 */
export function useTextSelection(scale: number, scrollRef: RefObject<HTMLDivElement | null>, popoverRef: RefObject<HTMLElement | null>) {
  const [held, setHeld] = useState<HeldSelection | null>(null);
  const scaleRef = useRef(scale);
  useEffect(() => {
    scaleRef.current = scale;
  });

  useEffect(() => {
    const onChange = () => {
      if (popoverRef.current?.contains(document.activeElement)) return;
      const selection = readSelection(scaleRef.current);
      const scroller = scrollRef.current;
      const range = window.getSelection()?.rangeCount ? window.getSelection()?.getRangeAt(0) : null;
      if (!selection || !scroller || !range) {
        setHeld(null);
        return;
      }
      const box = range.getBoundingClientRect();
      const area = scroller.getBoundingClientRect();
      setHeld({ selection, at: { left: Math.max(4, box.left - area.left + scroller.scrollLeft), top: box.bottom - area.top + scroller.scrollTop + 6 } });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [scrollRef, popoverRef]);

  const clear = useCallback(() => {
    setHeld(null);
    window.getSelection()?.removeAllRanges();
  }, []);

  return { held, clear };
}
