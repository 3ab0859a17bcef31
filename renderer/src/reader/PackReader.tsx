import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingPack } from '../../../shared/domain/import';
import type { Meeting } from '../../../shared/domain/meeting';
import { useApi } from '../api/ApiContext';
import { AnnotationLayer } from '../annotations/AnnotationLayer';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { AnnotationToolbar } from '../annotations/AnnotationToolbar';
import { ExportNotes } from '../annotations/ExportNotes';
import { QuestionsPanel, type QuestionDraft } from '../annotations/QuestionsPanel';
import { textTools } from '../annotations/tools';
import { useAnnotations } from '../annotations/useAnnotations';
import { ErrorMessage } from '../components/ErrorMessage';
import { itemAtPage, readerPath } from '../pack/format';
import { currentItemShortcut, findCurrentItem } from '../live/currentItem';
import { AgendaNav } from './AgendaNav';
import { FindInPack } from './FindInPack';
import { GoToPage } from './GoToPage';
import { LargePrint } from './LargePrint';
import { pageGap } from './layout';
import { PdfPage } from './PdfPage';
import { PrintPages } from './PrintPages';
import { ReaderNoteEditor } from './ReaderNoteEditor';
import { SidebarTabs } from './SidebarTabs';
import { Thumbnails } from './Thumbnails';
import { useLargePrint } from './useLargePrint';
import { usePageInAddress } from './usePageInAddress';
import { usePdfDocument } from './usePdfDocument';
import { useReaderKeys } from './useReaderKeys';
import { useReaderTools } from './useReaderTools';
import { useViewport } from './useViewport';

type Panel = 'agenda' | 'pages' | 'find' | 'notes' | 'questions';

interface PackReaderProps {
  meeting: Meeting;
  pack: MeetingPack;
  latestVersion: number;
  initialPage: number;
}

/** The pack reader's screen: each job (document, viewport, tools, keys, address) lives in its own hook. */
export function PackReader({ meeting, pack, latestVersion, initialPage: requestedPage }: PackReaderProps) {
  const { t } = useTranslation();
  // Where the reader opened; later changes to ?page= are followed by usePageInAddress.
  const [initialPage] = useState(requestedPage);
  const api = useApi();
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [panel, setPanel] = useState<Panel>('agenda');
  const [printOpen, setPrintOpen] = useState(false);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<QuestionDraft | null>(null);

  const { doc, baseSize, loadError, locked, passwordPrompt } = usePdfDocument(api, pack.documentSha256, pack.byteSize);
  const pageCount = doc?.numPages ?? pack.pageCount;
  const { scale, zoom, setZoom, changeZoom, layout, known, onPageSize, current, goToPage, onScroll, mounted, onScreen, contentWidth, positioned } = useViewport(scrollRef, baseSize, pageCount, initialPage);
  usePageInAddress(meeting.id, current, initialPage, positioned, goToPage);
  const notes = useAnnotations(api, meeting.id);
  const { tool, colour, setColour, chooseTool, markSelection, placeNote, editing, setEditing } = useReaderTools(notes, scale, meeting.id, pack.packId);
  const { largePrint, toggleLargePrint } = useLargePrint(api);

  // C jumps to the item the chair is taking now (the live agenda, synced from the chair's device).
  const [currentNote, setCurrentNote] = useState('');
  const jumpToCurrentItem = useCallback(async () => {
    const now = await findCurrentItem(api, meeting.id, pack.items);
    if (now.kind === 'item' && now.item.pdfPages) {
      goToPage(now.item.pdfPages.from);
      setCurrentNote(t('reader.currentItem.jumped', { number: now.item.number, title: now.item.title }));
    } else {
      setCurrentNote(now.kind === 'none' ? t('reader.currentItem.none') : t('reader.currentItem.noPages', { number: now.kind === 'item' ? now.item.number : now.number }));
    }
  }, [api, meeting.id, pack.items, goToPage, t]);

  useReaderKeys({
    disabled: printOpen,
    current,
    pageCount,
    tool,
    pagesRef: scrollRef,
    goToPage,
    changeZoom,
    chooseTool,
    undo: () => void notes.undo(),
    redo: () => void notes.redo(),
    openFind: () => {
      setPanel('find');
      requestAnimationFrame(() => findRef.current?.focus());
    },
    jumpToCurrentItem: () => void jumpToCurrentItem(),
    placeNoteHere: () => {
      const onPage = notes.annotations.filter((a) => a.packId === pack.packId && a.pageIndex === current - 1).length;
      placeNote(current, { x: 72, y: 72 + 28 * onPage });
    },
  });

  const printed = pack.printedPageNumbers[current - 1] ?? null;
  const activeItem = itemAtPage(pack.items, current);
  const pageLabel = (page: number) => {
    const printedNumber = pack.printedPageNumbers[page - 1] ?? null;
    return printedNumber === null ? t('reader.pageLabel', { page, total: pageCount }) : t('reader.pageLabelPrinted', { page, total: pageCount, printed: printedNumber });
  };

  return (
    <div className="reader">
      <div className="reader-header">
        <Link to={`/meetings/${meeting.id}`}>{t('reader.back')}</Link>
        <h1 id={`${id}-title`}>{t('reader.title', { title: meeting.title })}</h1>
        {activeItem && <p className="reader-item">{t('pack.itemLabel', { number: activeItem.number, title: activeItem.title })}</p>}
        {pack.version !== latestVersion && (
          <p className="notice">
            {t('reader.olderVersion', { version: pack.version, latest: latestVersion })} <Link to={readerPath(meeting.id)}>{t('reader.openLatest')}</Link>
          </p>
        )}
      </div>
      <div className="reader-toolbar">
        <p className="page-indicator" role="status">
          <span>{t('reader.pageOf', { page: current, total: pageCount })}</span>
          {printed !== null && <span className="printed-page">{t('reader.printedPage', { page: printed })}</span>}
        </p>
        <p className="current-item-note" aria-live="polite" aria-keyshortcuts={currentItemShortcut.key.toUpperCase()}>
          {currentNote}
        </p>
        <GoToPage pageCount={pageCount} onGo={goToPage} />
        <div className="zoom" role="group" aria-label={t('reader.zoom.label')}>
          <button type="button" onClick={() => changeZoom(-1)}>
            {t('reader.zoom.out')}
          </button>
          <span className="zoom-level">{`${Math.round(scale * 100)}%`}</span>
          <button type="button" onClick={() => changeZoom(1)}>
            {t('reader.zoom.in')}
          </button>
          <button type="button" aria-pressed={zoom.mode === 'fit'} onClick={() => setZoom({ mode: 'fit' })}>
            {t('reader.zoom.fitWidth')}
          </button>
        </div>
        <button type="button" onClick={() => setPrintOpen(true)} disabled={!doc}>
          {t('reader.print.open')}
        </button>
        <button type="button" aria-pressed={largePrint} onClick={() => void toggleLargePrint()}>
          {t('reader.largePrint.toggle')}
        </button>
        <AnnotationToolbar
          tool={tool}
          colour={colour}
          canUndo={notes.canUndo}
          canRedo={notes.canRedo}
          onTool={chooseTool}
          onColour={setColour}
          onUndo={() => void notes.undo()}
          onRedo={() => void notes.redo()}
        />
      </div>
      {notes.error && <ErrorMessage error={notes.error} />}
      {largePrint && <LargePrint packId={pack.packId} page={current} />}
      <div className="reader-body">
        <aside className="reader-sidebar" aria-label={t('reader.sidebar')}>
          <SidebarTabs<Panel>
            label={t('reader.sidebar')}
            selected={panel}
            onSelect={setPanel}
            tabs={[
              { key: 'agenda', label: t('reader.tabs.agenda'), content: <AgendaNav items={pack.items} activeItem={activeItem?.number ?? null} onSelect={goToPage} active={panel === 'agenda'} /> },
              {
                key: 'pages',
                label: t('reader.tabs.pages'),
                content:
                  doc && baseSize ? (
                    <Thumbnails doc={doc} pageCount={pageCount} baseSize={baseSize} knownSizes={known} current={current} printedPageNumbers={pack.printedPageNumbers} onSelect={goToPage} active={panel === 'pages'} />
                  ) : null,
              },
              { key: 'find', label: t('reader.tabs.find'), content: <FindInPack ref={findRef} pack={pack} current={current} onSelect={goToPage} /> },
              {
                key: 'notes',
                label: t('annotations.tabs.notes'),
                content: (
                  <>
                  <AnnotationsPanel
                    meetingId={meeting.id}
                    packId={pack.packId}
                    me={notes.me}
                    annotations={notes.annotations}
                    items={pack.items}
                    activeItem={activeItem?.number ?? null}
                    onJump={(a) => {
                      setFocusedId(a.id);
                      goToPage(a.pageIndex + 1);
                    }}
                    onEdit={(a) => setEditing({ mode: 'edit', annotation: a })}
                    onColour={(a, c) => void notes.update(a, { colour: c })}
                    onShare={(a, shared) => void notes.share(a, shared)}
                    onDelete={(a) => void notes.remove(a)}
                    onAsk={(a) => {
                      if (!a.itemNumber || !a.quote) return;
                      setDraft({ itemNumber: a.itemNumber, text: t('annotations.questions.aboutQuote', { quote: a.quote.exact.slice(0, 200) }), annotationId: a.id });
                      setPanel('questions');
                    }}
                  />
                  <ExportNotes api={api} me={notes.me} meetingId={meeting.id} />
                  </>
                ),
              },
              {
                key: 'questions',
                label: t('annotations.tabs.questions'),
                content: <QuestionsPanel key={draft?.annotationId ?? 'none'} api={api} me={notes.me} meetingId={meeting.id} items={pack.items} activeItem={activeItem?.number ?? null} draft={draft} />,
              },
            ]}
          />
        </aside>
        <div
          className="reader-pages"
          ref={scrollRef}
          role="region"
          aria-label={t('reader.pagesRegion')}
          aria-describedby={`${id}-keys`}
          tabIndex={0}
          onScroll={onScroll}
          onPointerUp={() => {
            if (textTools.includes(tool)) requestAnimationFrame(() => void markSelection(tool));
          }}
          aria-busy={!doc}
        >
          <p id={`${id}-keys`} className="visually-hidden">
            {t('reader.keysHint')}
          </p>
          {loadError && <ErrorMessage error={loadError} />}
          {passwordPrompt}
          {!loadError && !locked && !layout && <p className="reader-loading">{t('reader.opening')}</p>}
          {doc && layout && (
            <div className="reader-pages-content" style={{ height: layout.totalHeight, width: contentWidth }}>
              {mounted.map((page) => {
                const size = layout.sizes[page - 1] ?? { width: 0, height: 0 };
                return (
                  <PdfPage
                    key={page}
                    doc={doc}
                    page={page}
                    scale={scale}
                    size={size}
                    top={layout.tops[page - 1] ?? 0}
                    left={Math.max(pageGap, Math.floor((contentWidth - size.width) / 2))}
                    label={pageLabel(page)}
                    current={page === current}
                    visible={page >= onScreen.first && page <= onScreen.last}
                    onSize={onPageSize}
                  >
                    <AnnotationLayer
                      page={page}
                      scale={scale}
                      annotations={notes.annotations.filter((a) => a.packId === pack.packId && a.pageIndex === page - 1)}
                      tool={tool}
                      colour={colour}
                      focusedId={focusedId}
                      onPlace={placeNote}
                      onInk={(p, stroke) => void notes.create({ meetingId: meeting.id, packId: pack.packId, kind: 'ink', colour, pageIndex: p - 1, ink: [stroke] })}
                      onOpen={(a) => setEditing({ mode: 'edit', annotation: a })}
                    />
                  </PdfPage>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {editing && <ReaderNoteEditor editing={editing} notes={notes} meetingId={meeting.id} packId={pack.packId} colour={colour} onClose={() => setEditing(null)} />}
      {doc && (
        <PrintPages
          doc={doc}
          pageCount={pageCount}
          suggested={activeItem?.pdfPages ?? { from: current, to: current }}
          open={printOpen}
          onClose={() => setPrintOpen(false)}
        />
      )}
    </div>
  );
}
