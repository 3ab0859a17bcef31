import { useEffect, useRef } from 'react';
import { isEditable } from './currentItem';

/**
 * The chair's single-key shortcuts. Letters alone, outside text fields, because every browser and
 * screen reader already owns the Ctrl, Alt and function-key combinations; they can be turned off
 * (WCAG 2.1.4) for a screen-reader user whose reading keys they would shadow.
 */
export const cockpitShortcuts = [
  { key: 'n', action: 'next' },
  { key: 'p', action: 'previous' },
  { key: 'e', action: 'end' },
  { key: 't', action: 'timer' },
  { key: 'c', action: 'current' },
  { key: '?', action: 'help' },
] as const;
export type CockpitAction = (typeof cockpitShortcuts)[number]['action'];

const storageKey = 'chamber.cockpitShortcuts';
export const shortcutsEnabled = (): boolean => window.localStorage.getItem(storageKey) !== 'off';
export const setShortcutsEnabled = (on: boolean): void => window.localStorage.setItem(storageKey, on ? 'on' : 'off');

export function useCockpitKeys(enabled: boolean, onAction: (action: CockpitAction) => void): void {
  // The latest handler, without re-subscribing on every render of the page.
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || isEditable(event.target)) return;
      const shortcut = cockpitShortcuts.find((s) => s.key === event.key);
      if (shortcut === undefined) return;
      event.preventDefault();
      handler.current(shortcut.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
