import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { LanguageSwitcher } from './LanguageSwitcher';

export const newMeetingShortcut = { key: 'n', label: 'Ctrl+Alt+N' } as const;

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  useEffect(() => {
    // Ctrl+Alt+N rather than Ctrl+N: browsers reserve Ctrl+N for a new window.
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.altKey && event.key.toLowerCase() === newMeetingShortcut.key) {
        event.preventDefault();
        void navigate('/meetings/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <>
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
          </ul>
        </nav>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
