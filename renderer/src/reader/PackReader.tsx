import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingPack } from '../../../shared/domain/import';
import type { Meeting } from '../../../shared/domain/meeting';
import { useApi } from '../api/ApiContext';
import { AnnotationLayer } from '../annotations/AnnotationLayer';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { ExportNotes } from '../annotations/ExportNotes';
import { QuestionsPanel, type QuestionDraft } from '../annotations/QuestionsPanel';
import { textTools } from '../annotations/tools';
import { useAnnotations } from '../annotations/useAnnotations';
import { ErrorMessage } from '../components/ErrorMessage';
import { itemAtPage, readerPath } from '../pack/format';
import { currentItemShortcut } from '../live/currentItem';
import { AgendaNav } from './AgendaNav';
import { FindInPack } from './FindInPack';
import { LargePrint } from './LargePrint';
import { pageGap } from './layout';
import { PdfPage } from './PdfPage';
import { PrintPages } from './PrintPages';
import { ReaderNoteEditor } from './ReaderNoteEditor';
import { ReaderToolbar } from './ReaderToolbar';
import { SelectionPopover } from './SelectionPopover';
import { SidebarTabs } from './SidebarTabs';
import { Thumbnails } from './Thumbnails';
import { useCurrentItemJump } from './useCurrentItemJump';
import { useFind } from './useFind';
import { useLargePrint } from './useLargePrint';
import { usePageInAddress } from './usePageInAddress';
import { usePageRasters } from './pageRasters';
import { usePdfDocument } from './usePdfDocument';
import { useReaderKeys } from './useReaderKeys';
import { useReaderTools } from './useReaderTools';
import { useReferenceCopy } from './useReferenceCopy';
import { useTextSelection } from './useTextSelection';
import { useViewport } from './useViewport';

type Panel = 'agenda' | 'pages' | 'find' | 'notes' | 'questions';

interface PackReaderProps {
  meeting: Meeting;
  pack: MeetingPack;
  latestVersion: number;
  /** The page asked for in the address; without one the reader reopens where the member left this pack. */
  initialPage: number | null;
  /** Words to find on opening (a result opened from the Search page). */
  initialFind: string | null;
}

/** Wide windows open with the contents beside the pages; narrow ones (and 200% zoom) give the pages the room. */
const wideEnoughForSidebar = () => window.matchMedia('(min-width: 50rem)').matches;

/** The pack reader's screen: each job (document, viewport, tools, keys, address) lives in its own hook. */
export function PackReader({ meeting, pack, latestVersion, initialPage: requestedPage, initialFind }: PackReaderProps) {
  const { t } = useTranslation();
  // Where the reader opened; later changes to ?page= are followed by usePageInAddress.
  const [initialPage] = useState(() => requestedPage ?? 1);
  const api = useApi();
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [panel, setPanel] = useState<Panel>(initialFind ? 'find' : 'agenda');
  const [printOpen, setPrintOpen] = useState(false);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<(QuestionDraft & { key: number }) | null>(null);
  const [sidebarOpen, setSidebarOpen] = useState(wideEnoughForSidebar);
  const popoverRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
  // In a narrow or short window (200% zoom, 320 px) the toolbar and pages fill the screen below the
  // headers, which scroll away: open with them in view, so the page is what the member sees.
  useEffect(() => {
    const page = document.scrollingElement;
    if (page && page.scrollHeight > window.innerHeight + 1) workspaceRef.current?.scrollIntoView({ block: 'start' });
  }, []);

  const { doc, baseSize, loadError, locked, passwordPrompt } = usePdfDocument(api, pack.documentSha256, pack.byteSize);
  // The pictures made at import of the page it opens on (and page 1) show while pdf.js opens the pack.
  const rasters = usePageRasters(api, pack.documentSha256, [initialPage, 1]);
  const rasterBase = (rasters.get(1) ?? rasters.get(initialPage))?.base ?? null;
  const pageCount = doc?.numPages ?? pack.pageCount;
  const { scale, zoom, setZoom, changeZoom, layout, known, onPageSize, current, goToPage, onScroll, mounted, onScreen, contentWidth, positioned } = useViewport(scrollRef, baseSize ?? (locked ? null : rasterBase), pageCount, initialPage);
  usePageInAddress(meeting.id, current, initialPage, positioned, goToPage);
  useEffect(() => {
    // Kept in the core's encrypted database (not web storage); losing one costs only a scroll.
    if (positioned.current) void api.saveReadingPlace({ packId: pack.packId, page: current });
  }, [api, pack.packId, current, positioned]);
  const find = useFind(api, pack, goToPage);
  const { search } = find;
  useEffect(() => {
    if (!initialFind) return;
    void search(initialFind, { atPage: initialPage });
  }, [initialFind, initialPage, search]);
  const { held, clear: clearSelection } = useTextSelection(scale, scrollRef, popoverRef);
  const notes = useAnnotations(api, meeting.id);
  const { tool, colour, setColour, chooseTool, markSelection, markText, placeNote, editing, setEditing } = useReaderTools(notes, scale, meeting.id, pack.packId);
  const { largePrint, toggleLargePrint } = useLargePrint(api);

  // C jumps to the item the chair is taking now (the live agenda, synced from the chair's device).
  const { note: currentNote, jump: jumpToCurrentItem } = useCurrentItemJump(api, meeting.id, pack.items, goToPage);
  const { reference, copy, copied } = useReferenceCopy(pack);

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
      setSidebarOpen(true);
      requestAnimationFrame(() => findRef.current?.focus());
    },
    findStep: find.step,
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
      <div className="reader-workspace" ref={workspaceRef}>
      <ReaderToolbar
        current={current}
        pageCount={pageCount}
        printed={printed}
        viewport={{ scale, zoom, setZoom, changeZoom, goToPage }}
        sidebarId={`${id}-sidebar`}
        sidebarOpen={sidebarOpen}
        onSidebar={() => setSidebarOpen((open) => !open)}
        largePrint={largePrint}
        onLargePrint={() => void toggleLargePrint()}
        canPrint={doc !== null}
        onPrint={() => setPrintOpen(true)}
        onCopyReference={() => void copy(`${meeting.title}: ${reference(current)}`)}
        onCurrentItem={() => void jumpToCurrentItem()}
        tool={tool}
        colour={colour}
        notes={notes}
        onTool={chooseTool}
        onColour={setColour}
      />
      <p className="current-item-note reader-status" aria-live="polite" aria-keyshortcuts={currentItemShortcut.key.toUpperCase()}>
        {currentNote}
      </p>
      <p className="reader-status" aria-live="polite">
        {copied}
      </p>
      {notes.error && <ErrorMessage error={notes.error} />}
      {largePrint && <LargePrint packId={pack.packId} page={current} />}
      <div className="reader-body">
        <aside className="reader-sidebar" id={`${id}-sidebar`} aria-label={t('reader.sidebar')} hidden={!sidebarOpen}>
          <SidebarTabs<Panel>
            label={t('reader.sidebar')}
            selected={panel}
            onSelect={setPanel}
            tabs={[
              { key: 'agenda', label: t('reader.tabs.agenda'), content: <AgendaNav items={pack.items} activeItem={activeItem?.number ?? null} onSelect={goToPage} active={panel === 'agenda'} /> },
              {
                key: 'pages',
                label: t('reader.tabs.pages'),
                // 544 thumbnails re-rendered on every page change, open or not: they exist only while shown.
                content:
                  doc && baseSize && panel === 'pages' ? (
                    <Thumbnails doc={doc} pageCount={pageCount} baseSize={baseSize} knownSizes={known} current={current} printedPageNumbers={pack.printedPageNumbers} onSelect={goToPage} active={panel === 'pages'} />
                  ) : null,
              },
              { key: 'find', label: t('reader.tabs.find'), content: <FindInPack ref={findRef} find={find} initialQuery={initialFind ?? ''} /> },
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
                      setDraft({ key: Date.now(), itemNumber: a.itemNumber, text: t('annotations.questions.aboutQuote', { quote: a.quote.exact.slice(0, 200) }), annotationId: a.id });
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
                content: <QuestionsPanel key={draft?.key ?? 'none'} api={api} me={notes.me} meetingId={meeting.id} items={pack.items} activeItem={activeItem?.number ?? null} draft={draft} />,
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
          {held && tool === 'select' && (
            <SelectionPopover
              held={held}
              popoverRef={popoverRef}
              onHighlight={() => void markText('highlight', held.selection)}
              onNote={() => {
                const first = held.selection.rects[0];
                placeNote(held.selection.page, { x: Math.max(0, (first?.x ?? 72) - 24), y: first?.y ?? 72 });
              }}
              onQuestion={(() => {
                const item = itemAtPage(pack.items, held.selection.page);
                if (!item) return null;
                return () => {
                  setDraft({ key: Date.now(), itemNumber: item.number, text: t('annotations.questions.aboutQuote', { quote: held.selection.exact.slice(0, 200) }) });
                  setPanel('questions');
                  setSidebarOpen(true);
                };
              })()}
              onCopy={() => void copy(t('reader.reference.quote', { quote: held.selection.exact, reference: reference(held.selection.page) }))}
              onClose={clearSelection}
            />
          )}
          {loadError && <ErrorMessage error={loadError} />}
          {passwordPrompt}
          {!loadError && !locked && !layout && <p className="reader-loading">{t('reader.opening')}</p>}
          {layout && (
            <div className="reader-pages-content" style={{ height: layout.totalHeight, width: contentWidth }}>
              {mounted.map((page) => {
                const size = layout.sizes[page - 1] ?? { width: 0, height: 0 };
                return (
                  <PdfPage
                    key={page}
                    doc={doc}
                    raster={rasters.get(page)?.url}
                    page={page}
                    scale={scale}
                    size={size}
                    top={layout.tops[page - 1] ?? 0}
                    left={Math.max(pageGap, Math.floor((contentWidth - size.width) / 2))}
                    label={pageLabel(page)}
                    current={page === current}
                    visible={page >= onScreen.first && page <= onScreen.last}
                    onSize={onPageSize}
                    findTerms={find.termsOnPage(page)}
                    findCurrent={find.currentPage === page}
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
