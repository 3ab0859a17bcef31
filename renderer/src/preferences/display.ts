import type { Settings } from '../../../shared/domain/settings';

/**
 * Display preferences live on <html> as data attributes, so the style sheet alone decides how a
 * larger text size or high contrast looks and every screen (the reader included) follows at once.
 */
export function applyDisplay(settings: Pick<Settings, 'textSize' | 'contrast' | 'motion'>): void {
  const root = document.documentElement;
  root.dataset.textSize = settings.textSize;
  root.dataset.contrast = settings.contrast;
  root.dataset.motion = settings.motion;
}
