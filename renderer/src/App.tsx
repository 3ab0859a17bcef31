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
import type * as ReaderPageModule from './pages/ReaderPage';

// pdf.js is large; it loads with the reader, not with the app.
let readerPage: typeof ReaderPageModule | null = null;
/** Loads the reader's screen (and pdf.js with it); main.tsx calls it early when the app opens on a pack. */
export const loadReaderPage = () =>
  import('./pages/ReaderPage').then((module) => {
    readerPage = module;
    return module;
  });
const LazyReaderPage = lazy(loadReaderPage);

function Loading() {
  const { t } = useTranslation();
  return <p aria-busy="true">{t('app.loading')}</p>;
}

/**
 * The reader once its code is here renders straight away: behind a Suspense fallback React holds
 * revealed content back for 300 ms after the fallback showed, which was a third of every open.
 */
function ReaderRoute() {
  const Loaded = readerPage?.default;
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={<Loading />}>
      <LazyReaderPage />
    </Suspense>
  );
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
            <Route path="meetings/:id/pack" element={<ReaderRoute />} />
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
