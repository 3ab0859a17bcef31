import { useEffect, useRef } from 'react';

/**
 * Asks before an in-app link takes the person away from words that could not be saved. The app uses
 * a hash router without navigation blocking, so the question is asked on the link's click, before
 * the route changes; leaving by other means still saves what it can (see useNarrativeAutosave).
 */
export function useLeaveWarning(active: boolean, question: string): void {
  const state = useRef({ active, question });
  useEffect(() => {
    state.current = { active, question };
  });
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (!state.current.active || event.defaultPrevented) return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
      if (link && !window.confirm(state.current.question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);
}
