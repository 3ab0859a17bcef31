import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/annotations/schema';
import { readSelection, type PageSelection } from '../annotations/selection';
import { textTools, type Tool } from '../annotations/tools';
import type { AnnotationsState } from '../annotations/useAnnotations';

export type Editing = { mode: 'new'; kind: 'note' | 'free-text'; page: number; at: { x: number; y: number } } | { mode: 'edit'; annotation: Annotation };

export interface ReaderTools {
  tool: Tool;
  colour: string;
  setColour: (colour: string) => void;
  chooseTool: (tool: Tool) => void;
  /** Marks the current text selection with a text tool; false when there was nothing to mark. */
  markSelection: (kind: Tool) => Promise<boolean>;
  /** Marks text already read from the page (the selection pop-over holds it while its buttons take focus). */
  markText: (kind: 'highlight' | 'underline' | 'strike', selected: PageSelection) => Promise<Annotation | null>;
  placeNote: (page: number, at: { x: number; y: number }) => void;
  editing: Editing | null;
  setEditing: (editing: Editing | null) => void;
}

/** The annotation tool in hand, its colour, and the note being written. */
export function useReaderTools(notes: AnnotationsState, scale: number, meetingId: string, packId: string): ReaderTools {
  const [tool, setTool] = useState<Tool>('select');
  const [colour, setColour] = useState('#ffd60a');
  const [editing, setEditing] = useState<Editing | null>(null);
  const selection = useRef<PageSelection | null>(null);

  // The last text selected on a page, kept so a tool button (which takes focus) can still use it.
  useEffect(() => {
    const onChange = () => {
      selection.current = readSelection(scale);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [scale]);

  const markText = useCallback(
    (kind: 'highlight' | 'underline' | 'strike', selected: PageSelection) => {
      selection.current = null;
      window.getSelection()?.removeAllRanges();
      return notes.create({ meetingId, packId, kind, colour, pageIndex: selected.page - 1, rects: selected.rects, exact: selected.exact });
    },
    [notes, meetingId, packId, colour],
  );

  const markSelection = useCallback(
    async (kind: Tool) => {
      const selected = selection.current ?? readSelection(scale);
      if (!selected || (kind !== 'highlight' && kind !== 'underline' && kind !== 'strike')) return false;
      await markText(kind, selected);
      return true;
    },
    [scale, markText],
  );

  const chooseTool = useCallback(
    (next: Tool) => {
      setTool(next);
      if (textTools.includes(next)) void markSelection(next);
    },
    [markSelection],
  );

  const placeNote = useCallback(
    (page: number, at: { x: number; y: number }) => {
      setEditing({ mode: 'new', kind: tool === 'free-text' ? 'free-text' : 'note', page, at });
    },
    [tool],
  );

  return { tool, colour, setColour, chooseTool, markSelection, markText, placeNote, editing, setEditing };
}
