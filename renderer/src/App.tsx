import { HashRouter, Route, Routes } from 'react-router';
import type { ChamberApi } from '../../shared/api/binding';
import { ApiContext } from './api/ApiContext';
import { Layout } from './components/Layout';
import { MeetingPage } from './pages/MeetingPage';
import { MeetingsPage } from './pages/MeetingsPage';
import { NewMeetingPage } from './pages/NewMeetingPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App({ api }: { api: ChamberApi }) {
  return (
    <ApiContext.Provider value={api}>
      <HashRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<MeetingsPage />} />
            <Route path="meetings/new" element={<NewMeetingPage />} />
            <Route path="meetings/:id" element={<MeetingPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </HashRouter>
    </ApiContext.Provider>
  );
}
