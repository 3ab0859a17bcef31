import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncStatus } from '../../../shared/api/contracts/sync';
import { formatShortDate } from '../format/dates';

/**
 * Papers of coming meetings the device refused: said plainly, so a member does not walk into the
 * chamber believing the pack is complete. The technical reason stays in the log; the remedy is the
 * clerk's (republishing), so that is who the member is pointed to.
 */
export function UnavailablePapers({ papers }: { papers: SyncStatus['unavailablePapers'] }) {
  const { t } = useTranslation();
  const id = useId();
  if (papers.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="unavailable-papers">
      <h2 id={`${id}-heading`}>{t('sync.unavailable.title')}</h2>
      <p>{t('sync.unavailable.intro')}</p>
      <ul>
        {papers.map((paper, index) => (
          <li key={`${paper.meetingId}-${index}`}>
            {t('sync.unavailable.paper', { paper: paper.title ?? t('sync.unavailable.untitled') })}{' '}
            <Link to={`/meetings/${paper.meetingId}`}>{paper.meetingTitle}</Link>, {formatShortDate(paper.meetingDate, t)}
          </li>
        ))}
      </ul>
    </section>
  );
}
