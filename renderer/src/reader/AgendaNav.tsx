import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackItem } from '../../../shared/domain/pack';
import { formatPdfPages, formatPrintedPages } from '../pack/format';

interface AgendaNavProps {
  items: readonly PackItem[];
  /** The item whose pages are in view, if any. */
  activeItem: string | null;
  onSelect: (page: number) => void;
  active: boolean;
}

/** The agenda as a table of contents: jumps to an item's first page; marks the item being read. */
export function AgendaNav({ items, activeItem, onSelect, active }: AgendaNavProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!active || activeItem === null) return;
    listRef.current?.querySelector<HTMLElement>('[aria-current]')?.scrollIntoView({ block: 'nearest' });
  }, [active, activeItem]);

  if (items.length === 0) return <p className="empty">{t('pack.noItems')}</p>;
  return (
    <nav aria-label={t('reader.agenda')}>
      <ol className="agenda-nav" ref={listRef}>
        {items.map((item) => {
          const current = item.number === activeItem;
          const pages = item.printedPages ? formatPrintedPages(item.printedPages, t) : item.pdfPages ? formatPdfPages(item.pdfPages, t) : item.status === 'published' ? '' : t(`pack.status.${item.status}`);
          return (
            <li key={item.number}>
              {item.pdfPages ? (
                <button type="button" className="agenda-nav-item" aria-current={current ? 'true' : undefined} onClick={() => item.pdfPages && onSelect(item.pdfPages.from)}>
                  <span className="agenda-nav-number">{item.number}</span>
                  <span className="agenda-nav-title">{item.title}</span>
                  {pages && <span className="agenda-nav-pages">{pages}</span>}
                </button>
              ) : (
                <div className="agenda-nav-item without-pages">
                  <span className="agenda-nav-number">{item.number}</span>
                  <span className="agenda-nav-title">{item.title}</span>
                  {pages && <span className="agenda-nav-pages">{pages}</span>}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
