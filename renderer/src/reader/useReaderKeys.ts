import { useEffect, type RefObject } from 'react';
import { toolKeys, type Tool } from '../annotations/tools';
import { isCurrentItemKey, isEditable } from '../live/currentItem';

export interface ReaderKeyActions {
  /** While a dialog (print) is open the reader's keys are off. */
  disabled: boolean;
  current: number;
  pageCount: number;
  tool: Tool;
  pagesRef: RefObject<HTMLDivElement | null>;
  goToPage: (page: number) => void;
  changeZoom: (direction: 1 | -1) => void;
  chooseTool: (tool: Tool) => void;
  undo: () => void;
  redo: () => void;
  openFind: () => void;
  /** F3 / Shift+F3: the next or previous find hit. */
  findStep: (by: 1 | -1) => void;
  jumpToCurrentItem: () => void;
  /** Enter with the note tool in hand on the pages: a note at the next free place on this page. */
  placeNoteHere: () => void;
}

/** Keyboard: PageDown/PageUp, j/k, Home/End move by page; Ctrl+F finds in this pack, F3 steps through the hits; tool keys. */
export function useReaderKeys(actions: ReaderKeyActions): void {
  const { disabled, current, pageCount, tool, pagesRef, goToPage, changeZoom, chooseTool, undo, redo, openFind, findStep, jumpToCurrentItem, placeNoteHere } = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.metaKey || disabled) return;
      // F3 works from the find field too; the browser's own find bar would not see the page's text.
      if (event.key === 'F3' && !event.ctrlKey) {
        event.preventDefault();
        findStep(event.shiftKey ? -1 : 1);
        return;
      }
      if (event.ctrlKey && !isEditable(event.target) && (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y')) {
        event.preventDefault();
        if (event.shiftKey || event.key.toLowerCase() === 'y') redo();
        else undo();
        return;
      }
      if (event.ctrlKey) {
        if (event.key.toLowerCase() === 'f' && !event.shiftKey) {
          event.preventDefault();
          openFind();
        }
        return;
      }
      if (isEditable(event.target)) return;
      const moves: Record<string, () => number> = {
        PageDown: () => current + 1,
        j: () => current + 1,
        PageUp: () => current - 1,
        k: () => current - 1,
        Home: () => 1,
        End: () => pageCount,
      };
      const move = moves[event.key];
      const toolKey = toolKeys[event.key];
      if (isCurrentItemKey(event)) {
        event.preventDefault();
        jumpToCurrentItem();
      } else if (toolKey && !event.ctrlKey && !event.shiftKey) {
        event.preventDefault();
        chooseTool(toolKey);
      } else if (event.key === 'Enter' && (tool === 'note' || tool === 'free-text') && pagesRef.current?.contains(event.target as Node)) {
        event.preventDefault();
        placeNoteHere();
      } else if (move) {
        event.preventDefault();
        goToPage(move());
      } else if (event.key === '+' || event.key === '=') {
        event.preventDefault();
        changeZoom(1);
      } else if (event.key === '-') {
        event.preventDefault();
        changeZoom(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, current, pageCount, tool, pagesRef, goToPage, changeZoom, chooseTool, undo, redo, openFind, findStep, jumpToCurrentItem, placeNoteHere]);
}
