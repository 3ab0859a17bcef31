import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { SyncIndicator } from '../sync/SyncIndicator';
import { LanguageSwitcher } from './LanguageSwitcher';

export const newMeetingShortcut = { key: 'n', label: 'Ctrl+Alt+N' } as const;
export const searchShortcut = { key: 'f', label: 'Ctrl+Alt+F', aria: 'Control+Alt+F /' } as const;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const reading = /^\/meetings\/[^/]+\/pack\/?$/.test(location.pathname);

  useEffect(() => {
    // Ctrl+Alt+N rather than Ctrl+N: browsers reserve Ctrl+N for a new window.
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      if (event.ctrlKey && event.altKey && key === newMeetingShortcut.key) {
        event.preventDefault();
        void navigate('/meetings/new');
      } else if (event.ctrlKey && event.altKey && key === searchShortcut.key) {
        event.preventDefault();
        void navigate('/search');
      } else if (event.key === '/' && !event.ctrlKey && !event.altKey && !event.metaKey && !isTyping(event.target)) {
        event.preventDefault();
        void navigate('/search');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <div className={reading ? 'shell shell-reader' : 'shell'}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('app.primaryNavigation')}>
          <ul className="nav-list">
            <li>
              <NavLink to="/" end>
                {t('nav.meetings')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/meetings/new" aria-keyshortcuts="Control+Alt+N">
                {t('nav.newMeeting')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/search" aria-keyshortcuts={searchShortcut.aria} title={t('meetings.shortcutHint', { keys: `${searchShortcut.label}, /` })}>
                {t('nav.search')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/settings">{t('moderngov.nav')}</NavLink>
            </li>
          </ul>
        </nav>
        <SyncIndicator />
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className={reading ? 'main-reader' : undefined}>
        <Outlet />
      </main>
    </div>
  );
}
