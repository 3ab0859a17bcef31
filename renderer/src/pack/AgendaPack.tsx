import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingPack } from '../../../shared/domain/import';
import type { StructureWarning } from '../../../shared/domain/pack';
import { formatInstant, formatTimeRange } from '../format/dates';
import { useMemberName } from '../i18n/useMemberName';
import { formatPdfPages, formatPrintedPages, readerPath } from './format';
import { FrontSheetWarnings, frontSheetCodes } from './FrontSheetWarnings';

/** Where the meeting page moves focus for an item (the C key, the "Now" link). */
export const agendaItemId = (number: string) => `agenda-item-${number.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * A meeting's agenda as its pack sets it out, with the pack's version history and warnings.
 * `nowItem` is the item being taken in a live meeting, marked as the current step.
 */
export function AgendaPack({ pack, nowItem = null }: { pack: MeetingPack; nowItem?: string | null }) {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const current = pack.versions.find((v) => v.version === pack.version);
  const latest = pack.versions.reduce((max, v) => Math.max(max, v.version), pack.version);

  return (
    <section className="pack" aria-labelledby="pack-heading">
      <div className="page-heading">
        <h2 id="pack-heading">{t('pack.heading')}</h2>
        <Link className="button primary" to={readerPath(pack.meetingId, pack.version === latest ? {} : { version: pack.version })}>
          {t('pack.openWhole')}
        </Link>
      </div>
      <p className="pack-version">
        {current
          ? t('pack.versionLine', { version: pack.version, date: formatInstant(current.importedAt, t), file: current.sourceName })
          : t('pack.versionOnly', { version: pack.version })}{' '}
        {t('pack.pageCount', { count: pack.pageCount })}
      </p>

      {pack.version > 1 && <Changes pack={pack} />}
      <FrontSheetWarnings warnings={pack.warnings.filter((w) => frontSheetCodes.has(w.code))} />
      {pack.warnings.some((w) => !frontSheetCodes.has(w.code)) && <Warnings warnings={pack.warnings.filter((w) => !frontSheetCodes.has(w.code))} />}

      {pack.items.length === 0 ? (
        <p className="empty">{t('pack.noItems')}</p>
      ) : (
        <table className="agenda">
          <caption>{t('pack.agendaCaption', { count: pack.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pack.columns.number')}</th>
              <th scope="col">{t('pack.columns.title')}</th>
              <th scope="col">{t('pack.columns.timing')}</th>
              <th scope="col">{t('pack.columns.pages')}</th>
              <th scope="col">{t('pack.columns.status')}</th>
              <th scope="col">{t('pack.columns.open')}</th>
            </tr>
          </thead>
          <tbody>
            {pack.items.map((item) => (
              <tr key={item.number} data-item={item.number} aria-current={item.number === nowItem ? 'step' : undefined} className={item.number === nowItem ? 'now' : undefined}>
                <td>{item.number}</td>
                <th scope="row" id={agendaItemId(item.number)} tabIndex={-1}>
                  {item.title}
                </th>
                <td>{item.timing ? formatTimeRange(item.timing.from, item.timing.to, t) : ''}</td>
                <td>
                  {item.printedPages ? (
                    formatPrintedPages(item.printedPages, t)
                  ) : item.pdfPages ? (
                    <span className="muted">{formatPdfPages(item.pdfPages, t)}</span>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {item.status === 'published' ? '' : t(`pack.status.${item.status}`)}
                  {item.restricted && <span className="badge"> {t('pack.partTwo')}</span>}
                </td>
                <td>
                  {item.pdfPages && (
                    <Link to={readerPath(pack.meetingId, { page: item.pdfPages.from, ...(pack.version === latest ? {} : { version: pack.version }) })}>
                      {t('pack.openItem')}
                      <span className="visually-hidden"> {t('pack.openItemContext', { number: item.number, title: item.title })}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {pack.members.length > 0 && (
        <section aria-labelledby="pack-members-heading">
          <h3 id="pack-members-heading">{t('pack.members.heading')}</h3>
          <ul className="members">
            {pack.members.map((member) => (
              <li key={`${member.role}:${member.name}`}>
                {member.role === 'member' ? displayName(member.name) : t(`pack.members.as.${member.role}`, { name: displayName(member.name) })}
              </li>
            ))}
          </ul>
        </section>
      )}

      {pack.versions.length > 1 && (
        <section aria-labelledby="pack-versions-heading">
          <h3 id="pack-versions-heading">{t('pack.versions.heading')}</h3>
          <ol className="versions" reversed>
            {[...pack.versions]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <li key={v.version}>
                  {t('pack.versions.entry', { version: v.version, date: formatInstant(v.importedAt, t), file: v.sourceName })}{' '}
                  {v.version === pack.version ? (
                    <strong>{t('pack.versions.shown')}</strong>
                  ) : (
                    <Link to={readerPath(pack.meetingId, v.version === latest ? {} : { version: v.version })}>
                      {t('pack.versions.open')}
                      <span className="visually-hidden"> {t('pack.versionOnly', { version: v.version })}</span>
                    </Link>
                  )}
                </li>
              ))}
          </ol>
        </section>
      )}
    </section>
  );
}

function Changes({ pack }: { pack: MeetingPack }) {
  const { t } = useTranslation();
  return (
    <section className="pack-changes" aria-labelledby="pack-changes-heading">
      <h3 id="pack-changes-heading">{t('pack.changes.heading', { previous: pack.version - 1 })}</h3>
      {pack.changes.length === 0 ? (
        <p>{t('pack.changes.none')}</p>
      ) : (
        <ul>
          {pack.changes.map((change) => (
            <li key={`${change.change}:${change.number}`}>
              <span className={`change-tag change-${change.change}`}>{t(`pack.changes.${change.change}`)}</span>{' '}
              {t('pack.itemLabel', { number: change.number, title: change.title })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Warnings({ warnings }: { warnings: StructureWarning[] }) {
  const { t } = useTranslation();
  return (
    <section className="pack-warnings" aria-labelledby="pack-warnings-heading">
      <h3 id="pack-warnings-heading">{t('pack.warnings.heading')}</h3>
      <ul>
        {warnings.map((warning, index) => (
          <li key={`${warning.code}:${warning.item ?? index}`}>
            {warning.item ? t(`pack.warnings.forItem.${warning.code}`, { item: warning.item, defaultValue: t(`pack.warnings.${warning.code}`) }) : t(`pack.warnings.${warning.code}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
