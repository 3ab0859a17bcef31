import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { useResult } from '../components/useResult';
import { formatMeetingDate } from '../format/dates';

/** The sentence shown where a meeting's papers were, once the retention setting deleted them. */
export function PapersRemovedText({ removedAt }: { removedAt: string }) {
  const { t } = useTranslation();
  return <p className="notice papers-removed">{t('pack.removed', { date: formatMeetingDate(removedAt.slice(0, 10), t) })}</p>;
}

/**
 * On the meeting page: the agenda stays (it is the meeting's record), but the papers behind it were
 * deleted under the retention setting, so say so before anyone follows a link to a page.
 */
export function PapersRemovedNotice({ meetingId }: { meetingId: string }) {
  const api = useApi();
  const [removed] = useResult(() => api.getPapersRemoved({ meetingId }), `papers-removed:${meetingId}`);
  if (removed.state !== 'ready' || !removed.value.removedAt) return null;
  return <PapersRemovedText removedAt={removed.value.removedAt} />;
}
