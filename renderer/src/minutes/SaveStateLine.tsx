import { useTranslation } from 'react-i18next';
import { londonWallClock } from '../format/dates';
import type { SaveState } from './useNarrativeAutosave';

/** "Saving…", "Saved 10:42", "Not saved yet" or why it could not be saved, beside one editor. */
export function SaveStateLine({ state, id, actingChosen }: { state: SaveState | undefined; id: string; actingChosen: boolean }) {
  const { t } = useTranslation();
  const kind = state?.kind ?? 'idle';
  let text = '';
  if (state?.kind === 'unsaved') text = t('minutesAutosave.unsaved');
  else if (state?.kind === 'saving') text = t('minutesAutosave.saving');
  else if (state?.kind === 'saved') text = t('minutesAutosave.saved', { time: londonWallClock(state.at).time });
  else if (state?.kind === 'failed') text = actingChosen ? t('minutesAutosave.failed', { reason: t(`errors.${state.error.code}`) }) : t('minutesAutosave.chooseActing');
  // Polite, not a status role: the page's own status line stays the one announcement of actions.
  return (
    <p id={id} className={`save-state ${kind}`} aria-live="polite">
      {text}
    </p>
  );
}
