import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { annotationColours, annotationKinds, type Annotation, type AnnotationKind } from '../../../shared/annotations/schema';
import type { PackItem } from '../../../shared/domain/pack';
import { colourNames } from './tools';

interface AnnotationsPanelProps {
  meetingId: string;
  packId: string;
  me: string | null;
  annotations: readonly Annotation[];
  items: readonly PackItem[];
  activeItem: string | null;
  onJump: (annotation: Annotation) => void;
  onEdit: (annotation: Annotation) => void;
  onColour: (annotation: Annotation, colour: string) => void;
  onShare: (annotation: Annotation, shared: boolean) => void;
  onDelete: (annotation: Annotation) => void;
  onAsk: (annotation: Annotation) => void;
}

type Whose = 'all' | 'mine' | 'shared';

/** The annotations of this item or the whole pack, filtered; each one can be jumped to and changed. */
export function AnnotationsPanel(props: AnnotationsPanelProps) {
  const { meetingId, packId, me, annotations, items, activeItem, onJump, onEdit, onColour, onShare, onDelete, onAsk } = props;
  const { t } = useTranslation();
  const id = useId();
  const [scope, setScope] = useState<'item' | 'pack'>('pack');
  const [whose, setWhose] = useState<Whose>('all');
  const [colour, setColour] = useState('');
  const [kind, setKind] = useState<AnnotationKind | ''>('');

  const shown = annotations
    .filter((a) => scope === 'pack' || (activeItem !== null && a.itemNumber === activeItem))
    .filter((a) => whose === 'all' || (whose === 'mine' ? a.authorMemberId === me : a.authorMemberId !== me))
    .filter((a) => !colour || a.colour === colour)
    .filter((a) => !kind || a.kind === kind)
    .sort((a, b) => a.packVersion - b.packVersion || a.pageIndex - b.pageIndex || (a.rects[0]?.y ?? 0) - (b.rects[0]?.y ?? 0));
  const itemTitle = items.find((i) => i.number === activeItem)?.title;

  return (
    <section className="annotations-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('annotations.panel.heading')}</h2>
      <div className="filters">
        <label htmlFor={`${id}-scope`}>{t('annotations.panel.scope')}</label>
        <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value === 'item' ? 'item' : 'pack')}>
          <option value="pack">{t('annotations.panel.wholePack')}</option>
          <option value="item" disabled={activeItem === null}>
            {activeItem ? t('annotations.panel.thisItem', { number: activeItem, title: itemTitle ?? '' }) : t('annotations.panel.noItem')}
          </option>
        </select>
        <label htmlFor={`${id}-whose`}>{t('annotations.panel.whose')}</label>
        <select id={`${id}-whose`} value={whose} onChange={(e) => setWhose(e.target.value as Whose)}>
          <option value="all">{t('annotations.panel.all')}</option>
          <option value="mine">{t('annotations.panel.mine')}</option>
          <option value="shared">{t('annotations.panel.sharedWithMe')}</option>
        </select>
        <label htmlFor={`${id}-colour`}>{t('annotations.panel.colour')}</label>
        <select id={`${id}-colour`} value={colour} onChange={(e) => setColour(e.target.value)}>
          <option value="">{t('annotations.panel.anyColour')}</option>
          {annotationColours.map((c) => (
            <option key={c} value={c}>
              {t(`annotations.colour.${colourNames[c]}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-kind`}>{t('annotations.panel.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind | '')}>
          <option value="">{t('annotations.panel.anyKind')}</option>
          {annotationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`annotations.tool.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <p>{t('annotations.panel.none')}</p>
      ) : (
        <ul className="annotation-list">
          {shown.map((a) => {
            const mine = a.authorMemberId === me;
            const text = a.quote && (a.kind === 'highlight' || a.kind === 'underline' || a.kind === 'strike') ? `“${a.quote.exact}”` : (a.body ?? '');
            return (
              <li key={a.id} data-annotation-entry={a.id} data-status={a.status}>
                <p className="annotation-summary">
                  <span className="swatch-dot" style={{ ['--swatch' as string]: a.colour }} aria-hidden="true" />
                  <strong>{t(`annotations.tool.${a.kind}`)}</strong> {t('annotations.panel.page', { page: a.pageIndex + 1 })}
                  {a.shared && <span className="tag">{t('annotations.panel.sharedTag')}</span>}
                  {!mine && <span className="tag">{t('annotations.panel.othersTag')}</span>}
                </p>
                {text && <p className="annotation-text">{text.length > 240 ? `${text.slice(0, 240)}…` : text}</p>}
                {a.body && a.kind !== 'note' && a.kind !== 'free-text' && <p className="annotation-text">{a.body}</p>}
                {a.status === 'needs-review' && (
                  <p className="notice">
                    {t('annotations.panel.needsReview', { version: a.packVersion })}{' '}
                    {a.packId !== packId && <Link to={`/meetings/${meetingId}/pack?version=${a.packVersion}&page=${a.pageIndex + 1}`}>{t('annotations.panel.openOld', { version: a.packVersion })}</Link>}
                  </p>
                )}
                <div className="actions">
                  {a.packId === packId && (
                    <button type="button" onClick={() => onJump(a)}>
                      {t('annotations.panel.goTo')}
                    </button>
                  )}
                  {mine && (
                    <>
                      <button type="button" onClick={() => onEdit(a)}>
                        {t(a.kind === 'note' || a.kind === 'free-text' ? 'annotations.panel.editText' : 'annotations.panel.addComment')}
                      </button>
                      <label className="visually-hidden" htmlFor={`${id}-${a.id}-colour`}>
                        {t('annotations.panel.changeColour')}
                      </label>
                      <select id={`${id}-${a.id}-colour`} value={a.colour} onChange={(e) => onColour(a, e.target.value)}>
                        {annotationColours.map((c) => (
                          <option key={c} value={c}>
                            {t(`annotations.colour.${colourNames[c]}`)}
                          </option>
                        ))}
                      </select>
                      {/* A switch named for what it does, its state in words beside it (an unpressed "Shared" read as shared). */}
                      <button type="button" role="switch" className="share-switch" aria-checked={a.shared} aria-label={t('annotations.panel.shareSwitch')} onClick={() => onShare(a, !a.shared)}>
                        <span className="switch-track" aria-hidden="true" />
                        <span className="switch-state" aria-hidden="true">
                          {a.shared ? t('annotations.panel.shared') : t('annotations.panel.private')}
                        </span>
                      </button>
                      <button type="button" className="danger" onClick={() => onDelete(a)}>
                        {t('annotations.delete')}
                      </button>
                    </>
                  )}
                  {a.quote && a.itemNumber && (
                    <button type="button" onClick={() => onAsk(a)}>
                      {t('annotations.panel.ask')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
