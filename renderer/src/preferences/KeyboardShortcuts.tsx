import { useTranslation } from 'react-i18next';
import { importShortcut } from '../import/PackImport';
import { newMeetingShortcut, searchShortcut } from '../components/Layout';
import { lockShortcut } from '../lock/AppLockGate';
import { cockpitShortcuts } from '../live/cockpitKeys';
import { currentItemShortcut } from '../live/currentItem';

/** Every shortcut Chamber answers, in one place (the menus and tooltips show the same keys). */
const shortcuts: { keys: string; action: string; phrase?: string }[] = [
  { keys: newMeetingShortcut.label, action: 'newMeeting' },
  { keys: importShortcut.label, action: 'importPack' },
  { keys: `${searchShortcut.label}, /`, action: 'search' },
  { keys: lockShortcut.label, action: 'lock' },
  { keys: 'Ctrl+F', action: 'findInPack' },
  { keys: 'Page Down, J', action: 'nextPage' },
  { keys: 'Page Up, K', action: 'previousPage' },
  { keys: 'Home, End', action: 'firstLastPage' },
  { keys: currentItemShortcut.label, action: 'currentItem' },
  { keys: '+, −', action: 'zoom' },
  // The chair's cockpit on the Run meeting page (C is the current item everywhere, listed above).
  ...cockpitShortcuts.filter((s) => s.action !== 'current').map((s) => ({ keys: s.key.toUpperCase(), action: `cockpit-${s.action}`, phrase: `runMeeting.shortcuts.actions.${s.action}` })),
];

export function KeyboardShortcuts() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="shortcuts-heading" className="settings-section">
      <h2 id="shortcuts-heading">{t('shortcuts.heading')}</h2>
      <table className="shortcuts">
        <caption className="visually-hidden">{t('shortcuts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{t(s.phrase ?? `shortcuts.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
