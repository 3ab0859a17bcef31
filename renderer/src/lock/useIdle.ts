import { useEffect } from 'react';

const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls onIdle once after `minutes` with no keyboard, pointer or touch activity in the window. */
export function useIdle(minutes: number | null, onIdle: () => void): void {
  useEffect(() => {
    if (minutes === null) return undefined;
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    for (const event of activity) window.addEventListener(event, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of activity) window.removeEventListener(event, reset);
    };
  }, [minutes, onIdle]);
}
