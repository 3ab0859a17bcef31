import { useTranslation } from 'react-i18next';
import type { StructureWarning } from '../../../shared/domain/pack';
import { formatMeetingDate } from '../format/dates';

export const frontSheetCodes: ReadonlySet<string> = new Set(['FRONT_SHEET_DATE_DIFFERS', 'FRONT_SHEET_COMMITTEE_DIFFERS']);

/** A pack whose front sheet names another date or committee than its meeting: likely the wrong file. */
export function FrontSheetWarnings({ warnings }: { warnings: StructureWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  const value = (w: StructureWarning, v: string | undefined) => (v === undefined ? '' : w.code === 'FRONT_SHEET_DATE_DIFFERS' ? formatMeetingDate(v, t) : v);
  return (
    <section className="warning front-sheet-warnings" aria-labelledby="front-sheet-warnings-heading">
      <h3 id="front-sheet-warnings-heading">{t('meetingWarnings.frontSheetHeading')}</h3>
      {warnings.map((w) => (
        <p key={w.code}>{t(`pack.warnings.${w.code}`, { found: value(w, w.found), expected: value(w, w.expected) })}</p>
      ))}
    </section>
  );
}
