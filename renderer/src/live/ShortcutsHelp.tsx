import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cockpitShortcuts } from './cockpitKeys';

interface Props {
  open: boolean;
  onToggle: (open: boolean) => void;
  enabled: boolean;
  onEnable: (enabled: boolean) => void;
}

/** The cockpit's shortcuts, always one click (or ?) away, with the switch that turns them off. */
export const ShortcutsHelp = forwardRef<HTMLElement, Props>(function ShortcutsHelp({ open, onToggle, enabled, onEnable }, summaryRef) {
  const { t } = useTranslation();
  return (
    <details className="shortcuts-help" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary ref={summaryRef}>{t('runMeeting.shortcuts.heading')}</summary>
      <p className="hint">{t('runMeeting.shortcuts.hint')}</p>
      <dl>
        {cockpitShortcuts.map((s) => (
          <div key={s.action}>
            <dt>
              <kbd>{s.key.toUpperCase()}</kbd>
            </dt>
            <dd>{t(`runMeeting.shortcuts.actions.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
      <label className="shortcuts-switch">
        <input type="checkbox" checked={enabled} onChange={(e) => onEnable(e.target.checked)} /> {t('runMeeting.shortcuts.enabled')}
      </label>
    </details>
  );
});
