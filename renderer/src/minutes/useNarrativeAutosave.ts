import { useCallback, useEffect, useRef, useState } from 'react';
import type { RichText } from '../../../shared/minutes/richText';
import type { ApiError, Result } from '../../../shared/result';

export type SaveState = { kind: 'unsaved' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; error: ApiError };

type Save = (itemNumber: string, narrative: RichText) => Promise<Result<unknown>>;

/** Long enough not to save on every keystroke, short enough that a closed lid loses a sentence at most. */
export const autosaveDelayMs = 1200;

/**
 * Saves each item's narrative a moment after the clerk stops typing, one save at a time per item
 * (so an older save can never land after a newer one), and says where each item stands. Whatever is
 * still waiting when the screen goes away is saved then; a window closing with something unsaved is
 * asked about first, since the browser may not finish the save.
 */
export function useNarrativeAutosave(save: Save) {
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const pending = useRef(new Map<string, RichText>());
  const timers = useRef(new Map<string, number>());
  const chains = useRef(new Map<string, Promise<unknown>>());
  const busy = useRef(0);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  const setState = (itemNumber: string, state: SaveState) => setStates((s) => ({ ...s, [itemNumber]: state }));

  const flush = useCallback((itemNumber: string): Promise<Result<unknown> | null> => {
    window.clearTimeout(timers.current.get(itemNumber));
    timers.current.delete(itemNumber);
    const previous = chains.current.get(itemNumber) ?? Promise.resolve();
    const next = previous.then(async () => {
      const narrative = pending.current.get(itemNumber);
      if (narrative === undefined) return null;
      pending.current.delete(itemNumber);
      busy.current += 1;
      setState(itemNumber, { kind: 'saving' });
      const result = await saveRef.current(itemNumber, narrative).finally(() => (busy.current -= 1));
      if (!result.ok) {
        // Kept for the next try (the clerk may still choose who they are acting as).
        if (!pending.current.has(itemNumber)) pending.current.set(itemNumber, narrative);
        setState(itemNumber, { kind: 'failed', error: result.error });
      } else setState(itemNumber, pending.current.has(itemNumber) ? { kind: 'unsaved' } : { kind: 'saved', at: new Date() });
      return result;
    });
    chains.current.set(itemNumber, next);
    return next;
  }, []);

  const change = useCallback(
    (itemNumber: string, narrative: RichText) => {
      pending.current.set(itemNumber, narrative);
      setState(itemNumber, { kind: 'unsaved' });
      window.clearTimeout(timers.current.get(itemNumber));
      timers.current.set(
        itemNumber,
        window.setTimeout(() => void flush(itemNumber), autosaveDelayMs),
      );
    },
    [flush],
  );

  useEffect(() => {
    const onUnload = (event: BeforeUnloadEvent) => {
      if (pending.current.size === 0 && busy.current === 0) return;
      for (const itemNumber of pending.current.keys()) void flush(itemNumber);
      event.preventDefault();
      // Older Chromium (and so some Electron builds) asks only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    const waiting = pending.current;
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      // Leaving the screen inside the app: save what is waiting rather than drop it.
      for (const itemNumber of [...waiting.keys()]) void flush(itemNumber);
    };
  }, [flush]);

  /** The clerk's own "Save": at once, in the same queue as the autosaves. */
  const saveNow = useCallback(
    (itemNumber: string, narrative: RichText) => {
      pending.current.set(itemNumber, narrative);
      return flush(itemNumber);
    },
    [flush],
  );

  /** Tries again whatever is waiting, e.g. once the clerk has said who they are acting as. */
  const retry = useCallback(() => {
    for (const itemNumber of [...pending.current.keys()]) void flush(itemNumber);
  }, [flush]);

  /** Items whose words could not be saved: leaving now would lose them. */
  const unsaveable = Object.entries(states).filter(([, s]) => s.kind === 'failed').map(([item]) => item);
  return { states, change, saveNow, retry, unsaveable };
}
