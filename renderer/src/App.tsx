import { MembersPage } from './members/MembersPage';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router';
import type { ChamberApi } from '../../shared/api/binding';
import { Layout } from './components/Layout';
import { WelcomePage } from './home/WelcomePage';
import { AppLockGate } from './lock/AppLockGate';
import { MinutesPage } from './minutes/MinutesPage';
import { MeetingPage } from './pages/MeetingPage';
import { MeetingsPage } from './pages/MeetingsPage';
import { NewMeetingPage } from './pages/NewMeetingPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RunMeetingPage } from './pages/RunMeetingPage';
import { SearchPage } from './pages/SearchPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './sync/SignInPage';

// pdf.js is large; it loads with the reader, not with the app.
const ReaderPage = lazy(() => import('./pages/ReaderPage'));

function Loading() {
  const { t } = useTranslation();
  return <p aria-busy="true">{t('app.loading')}</p>;
}

export function App({ api }: { api: ChamberApi }) {
  return (
    <AppLockGate api={api}>
      <HashRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<MeetingsPage />} />
            <Route path="welcome" element={<WelcomePage />} />
            <Route path="meetings/new" element={<NewMeetingPage />} />
            <Route path="meetings/:id" element={<MeetingPage />} />
            <Route path="meetings/:id/run" element={<RunMeetingPage />} />
            <Route path="meetings/:id/members" element={<MembersPage />} />
            <Route path="meetings/:id/minutes" element={<MinutesPage />} />
            <Route
              path="meetings/:id/pack"
              element={
                <Suspense fallback={<Loading />}>
                  <ReaderPage />
                </Suspense>
              }
            />
            <Route path="search" element={<SearchPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </HashRouter>
    </AppLockGate>
  );
}
