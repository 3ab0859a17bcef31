import { useEffect } from 'react';
import type { ChamberApi } from '../../../shared/api/binding';

/** One keypress to the item being taken now, in the reader and on the meeting page. */
export const currentItemShortcut = { key: 'c', label: 'C' } as const;

/** Typing in a field never triggers a single-letter shortcut. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, dialog') !== null;
}

/** C alone (no modifier), pressed outside text fields. */
export function isCurrentItemKey(event: KeyboardEvent): boolean {
  return event.key === currentItemShortcut.key && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !event.defaultPrevented && !isEditable(event.target);
}

/** Calls `onPress` for C while the page is shown (the reader has its own key handler and calls isCurrentItemKey). */
export function useCurrentItemKey(onPress: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isCurrentItemKey(event)) return;
      event.preventDefault();
      onPress();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onPress]);
}

export type CurrentItem<T> = { kind: 'none' } | { kind: 'item'; item: T } | { kind: 'not-in-pack'; number: string };

/**
 * The item the chair is taking now (the live agenda, synced from the chair's device), found among
 * this screen's items. Asked afresh on every press: the chair may have moved on since the page opened.
 */
export async function findCurrentItem<T extends { number: string }>(api: ChamberApi, meetingId: string, items: readonly T[]): Promise<CurrentItem<T>> {
  const live = await api.getLiveAgenda({ meetingId });
  const number = live.ok ? live.value.currentItem : null;
  if (number === null) return { kind: 'none' };
  const item = items.find((i) => i.number === number);
  return item ? { kind: 'item', item } : { kind: 'not-in-pack', number };
}
