import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { readSelection, type PageSelection } from '../annotations/selection';

/** About the pop-over's width with its four labelled buttons on one line. */
const popoverWidth = 440;

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
      // Kept inside the pane (it wraps below popoverWidth) so it never needs sideways scrolling to reach.
      const left = Math.max(4, Math.min(box.left - area.left, scroller.clientWidth - Math.min(popoverWidth, scroller.clientWidth - 8)));
      setHeld({ selection, at: { left: left + scroller.scrollLeft, top: box.bottom - area.top + scroller.scrollTop + 6 } });
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
