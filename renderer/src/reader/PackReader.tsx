import { LargePrint } from './LargePrint';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { MeetingPack } from '../../../shared/domain/import';
import type { Meeting } from '../../../shared/domain/meeting';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { AnnotationLayer } from '../annotations/AnnotationLayer';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel';
import { AnnotationToolbar } from '../annotations/AnnotationToolbar';
import { ExportNotes } from '../annotations/ExportNotes';
import { NoteEditor } from '../annotations/NoteEditor';
import { QuestionsPanel, type QuestionDraft } from '../annotations/QuestionsPanel';
import { readSelection, type PageSelection } from '../annotations/selection';
import { textTools, toolKeys, type Tool } from '../annotations/tools';
import { useAnnotations } from '../annotations/useAnnotations';
import type { Annotation } from '../../../shared/annotations/schema';
import { ErrorMessage } from '../components/ErrorMessage';
import { itemAtPage, readerPath } from '../pack/format';
import { AgendaNav } from './AgendaNav';
import { FindInPack } from './FindInPack';
import { fitWidthScale, layoutPages, mostVisiblePage, nextZoom, pageGap, scrollTopFor, visiblePages, type PageLayout, type Size } from './layout';
import { DocumentReadError, openPackDocument } from './pdf';
import { PdfPage } from './PdfPage';
import { PrintPages } from './PrintPages';
import { SidebarTabs } from './SidebarTabs';
import { Thumbnails } from './Thumbnails';
import { currentItemShortcut, findCurrentItem, isCurrentItemKey, isEditable } from '../live/currentItem';

/** Pages either side of the viewport that keep a canvas; everything further away is dropped. */
const renderMargin = 2;
type Zoom = { mode: 'fit' } | { mode: 'manual'; scale: number };
type Panel = 'agenda' | 'pages' | 'find' | 'notes' | 'questions';
type Editing = { mode: 'new'; kind: 'note' | 'free-text'; page: number; at: { x: number; y: number } } | { mode: 'edit'; annotation: Annotation };

interface PackReaderProps {
  meeting: Meeting;
  pack: MeetingPack;
  latestVersion: number;
  initialPage: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));


export function PackReader({ meeting, pack, latestVersion, initialPage: requestedPage }: PackReaderProps) {
  const { t } = useTranslation();
  // Where the reader opened; later changes to ?page= are followed by the effect further down.
  const [initialPage] = useState(requestedPage);
  const api = useApi();
  const id = useId();
  const [searchParams] = useSearchParams();

  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [baseSize, setBaseSize] = useState<Size | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [known, setKnown] = useState<ReadonlyMap<number, Size>>(new Map());
  const [zoom, setZoom] = useState<Zoom>({ mode: 'fit' });
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [current, setCurrent] = useState(initialPage);
  const [panel, setPanel] = useState<Panel>('agenda');
  const [printOpen, setPrintOpen] = useState(false);
  const [goTo, setGoTo] = useState('');
  const [goToError, setGoToError] = useState<string | null>(null);

  const scrollRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  /** A page we scrolled to on purpose; it stays "current" until the reader scrolls away. */
  const pending = useRef<{ page: number; top: number } | null>(null);
  /** The page at the top of the view and how far into it, to hold the place across zoom. */
  const anchor = useRef<{ page: number; fraction: number } | null>(null);
  const lastWrittenPage = useRef<number>(initialPage);

  const notes = useAnnotations(api, meeting.id);
  const [tool, setTool] = useState<Tool>('select');
  const [colour, setColour] = useState('#ffd60a');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<QuestionDraft | null>(null);
  const selection = useRef<PageSelection | null>(null);

  // Open the document through the range transport; page 1's size lays out every placeholder.
  useEffect(() => {
    let live = true;
    const opened = openPackDocument(api, pack.documentSha256, pack.byteSize);
    opened.promise
      .then(async (document) => {
        const first = await document.getPage(1);
        const size = first.getViewport({ scale: 1 });
        if (!live) return;
        setDoc(document);
        setBaseSize({ width: size.width, height: size.height });
      })
      .catch((error: unknown) => {
        if (!live) return;
        console.error('[reader] could not open the pack', error);
        setLoadError(error instanceof DocumentReadError ? error.apiError : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
      opened.destroy();
    };
  }, [api, pack.documentSha256, pack.byteSize]);

  const pageCount = doc?.numPages ?? pack.pageCount;

  // Track the scroll area's size (fit width, how many pages are on screen).
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    setViewport({ width: element.clientWidth, height: element.clientHeight });
    return () => observer.disconnect();
  }, []);

  const scale = zoom.mode === 'manual' ? zoom.scale : baseSize && viewport.width > 0 ? fitWidthScale(viewport.width, Math.max(baseSize.width, ...[...known.values()].map((s) => s.width))) : 1;
  const layout = useMemo<PageLayout | null>(() => (baseSize ? layoutPages(pageCount, scale, baseSize, known) : null), [baseSize, pageCount, scale, known]);
  const layoutRef = useRef(layout);
  const positioned = useRef(false);

  const settle = useCallback((element: HTMLDivElement, next: PageLayout) => {
    const top = element.scrollTop;
    const height = element.clientHeight;
    setScrollTop(top);
    const target = pending.current;
    if (target && Math.abs(top - target.top) < 2) {
      setCurrent(target.page);
    } else {
      pending.current = null;
      setCurrent(mostVisiblePage(next, top, height) || 1);
    }
    const { first } = visiblePages(next, top, height);
    if (first > 0) {
      const pageTop = next.tops[first - 1] ?? 0;
      const pageHeight = next.sizes[first - 1]?.height ?? 1;
      anchor.current = { page: first, fraction: (top - pageTop) / pageHeight };
    }
  }, []);

  // After any change of geometry (first layout, zoom, a page larger than page 1), hold the place.
  useLayoutEffect(() => {
    layoutRef.current = layout;
    const element = scrollRef.current;
    if (!layout || !element) return;
    if (!positioned.current) {
      positioned.current = true;
      const page = clamp(initialPage, 1, pageCount);
      element.scrollTop = scrollTopFor(layout, page);
      pending.current = { page, top: element.scrollTop };
    } else if (pending.current) {
      element.scrollTop = scrollTopFor(layout, pending.current.page);
      pending.current = { page: pending.current.page, top: element.scrollTop };
    } else if (anchor.current) {
      const { page, fraction } = anchor.current;
      element.scrollTop = (layout.tops[page - 1] ?? 0) + fraction * (layout.sizes[page - 1]?.height ?? 0);
    }
    settle(element, layout);
  }, [layout, initialPage, pageCount, settle]);

  // The last text selected on a page, kept so a tool button (which takes focus) can still use it.
  useEffect(() => {
    const onChange = () => {
      selection.current = readSelection(scale);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [scale]);

  const markSelection = useCallback(
    async (kind: Tool) => {
      const selected = selection.current ?? readSelection(scale);
      if (!selected || (kind !== 'highlight' && kind !== 'underline' && kind !== 'strike')) return false;
      selection.current = null;
      window.getSelection()?.removeAllRanges();
      await notes.create({ meetingId: meeting.id, packId: pack.packId, kind, colour, pageIndex: selected.page - 1, rects: selected.rects, exact: selected.exact });
      return true;
    },
    [scale, notes, meeting.id, pack.packId, colour],
  );

  const chooseTool = useCallback(
    (next: Tool) => {
      setTool(next);
      if (textTools.includes(next)) void markSelection(next);
    },
    [markSelection],
  );

  const placeNote = useCallback((page: number, at: { x: number; y: number }) => {
    setEditing({ mode: 'new', kind: tool === 'free-text' ? 'free-text' : 'note', page, at });
  }, [tool]);

  const frame = useRef(0);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      if (layoutRef.current) settle(element, layoutRef.current);
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const goToPage = useCallback(
    (target: number) => {
      const element = scrollRef.current;
      const current = layoutRef.current;
      if (!element || !current) return;
      const page = clamp(Math.round(target), 1, current.tops.length);
      element.scrollTop = scrollTopFor(current, page);
      pending.current = { page, top: element.scrollTop };
      settle(element, current);
    },
    [settle],
  );

  // Keep ?page= in the address so a reload reopens the same page. Written straight into history
  // (keeping the router's state) rather than through the router: a router navigation here could
  // race a navigation away from the reader, and scrolling should not re-render the route.
  useEffect(() => {
    if (!positioned.current) return;
    const timer = setTimeout(() => {
      if (lastWrittenPage.current === current) return;
      const hash = window.location.hash;
      const [route = '', query = ''] = hash.replace(/^#/, '').split('?');
      if (route !== `/meetings/${meeting.id}/pack`) return;
      const params = new URLSearchParams(query);
      params.set('page', String(current));
      lastWrittenPage.current = current;
      window.history.replaceState(window.history.state, '', `#${route}?${params.toString()}`);
    }, 400);
    return () => clearTimeout(timer);
  }, [current, meeting.id]);

  // …and follow it when something else changes it (a search hit opened while the reader is open).
  const pageParam = Number(searchParams.get('page'));
  useEffect(() => {
    if (!Number.isInteger(pageParam) || pageParam < 1 || pageParam === lastWrittenPage.current) return;
    lastWrittenPage.current = pageParam;
    goToPage(pageParam);
  }, [pageParam, goToPage]);

  const changeZoom = useCallback(
    (direction: 1 | -1) => setZoom((z) => ({ mode: 'manual', scale: nextZoom(z.mode === 'manual' ? z.scale : scale, direction) })),
    [scale],
  );

  // Large print follows the member from pack to pack: it is a device setting, not a per-pack one.
  const [largePrint, setLargePrint] = useState(false);
  useEffect(() => {
    let live = true;
    void api.getSettings({}).then((r) => {
      if (live && r.ok) setLargePrint(r.value.largePrint);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const toggleLargePrint = useCallback(async () => {
    const saved = await api.updateSettings({ largePrint: !largePrint });
    if (saved.ok) setLargePrint(saved.value.largePrint);
  }, [api, largePrint]);

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

  // Keyboard: PageDown/PageUp, j/k, Home/End move by page; Ctrl+F finds in this pack.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.metaKey || printOpen) return;
      if (event.ctrlKey && !isEditable(event.target) && (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y')) {
        event.preventDefault();
        void (event.shiftKey || event.key.toLowerCase() === 'y' ? notes.redo() : notes.undo());
        return;
      }
      if (event.ctrlKey) {
        if (event.key.toLowerCase() === 'f' && !event.shiftKey) {
          event.preventDefault();
          setPanel('find');
          requestAnimationFrame(() => findRef.current?.focus());
        }
        return;
      }
      if (isEditable(event.target)) return;
      const moves: Record<string, () => number> = {
        PageDown: () => current + 1,
        j: () => current + 1,
        PageUp: () => current - 1,
        k: () => current - 1,
        Home: () => 1,
        End: () => pageCount,
      };
      const move = moves[event.key];
      const toolKey = toolKeys[event.key];
      if (isCurrentItemKey(event)) {
        event.preventDefault();
        void jumpToCurrentItem();
      } else if (toolKey && !event.ctrlKey && !event.shiftKey) {
        event.preventDefault();
        chooseTool(toolKey);
      } else if (event.key === 'Enter' && (tool === 'note' || tool === 'free-text') && scrollRef.current?.contains(event.target as Node)) {
        event.preventDefault();
        const onPage = notes.annotations.filter((a) => a.packId === pack.packId && a.pageIndex === current - 1).length;
        placeNote(current, { x: 72, y: 72 + 28 * onPage });
      } else if (move) {
        event.preventDefault();
        goToPage(move());
      } else if (event.key === '+' || event.key === '=') {
        event.preventDefault();
        changeZoom(1);
      } else if (event.key === '-') {
        event.preventDefault();
        changeZoom(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, pageCount, goToPage, changeZoom, printOpen, notes, chooseTool, tool, placeNote, pack.packId, jumpToCurrentItem]);

  const onPageSize = useCallback(
    (page: number, size: Size) => {
      if (!baseSize) return;
      const same = (a: Size, b: Size) => Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
      setKnown((map) => {
        const before = map.get(page) ?? baseSize;
        if (same(before, size)) return map;
        const next = new Map(map);
        next.set(page, size);
        return next;
      });
    },
    [baseSize],
  );

  const submitGoTo = (event: FormEvent) => {
    event.preventDefault();
    const page = Number(goTo);
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      setGoToError(t('reader.goTo.invalid', { total: pageCount }));
      return;
    }
    setGoToError(null);
    goToPage(page);
  };

  const printed = pack.printedPageNumbers[current - 1] ?? null;
  const activeItem = itemAtPage(pack.items, current);
  const pageLabel = (page: number) => {
    const printedNumber = pack.printedPageNumbers[page - 1] ?? null;
    return printedNumber === null ? t('reader.pageLabel', { page, total: pageCount }) : t('reader.pageLabelPrinted', { page, total: pageCount, printed: printedNumber });
  };

  const mounted: number[] = [];
  if (layout && viewport.height > 0) {
    const { first, last } = visiblePages(layout, scrollTop, viewport.height);
    for (let page = Math.max(1, first - renderMargin); page <= Math.min(pageCount, last + renderMargin); page += 1) mounted.push(page);
  }
  const contentWidth = layout ? Math.max(viewport.width, layout.maxWidth + 2 * pageGap) : 0;

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
        <form className="goto" onSubmit={submitGoTo} noValidate>
          <label htmlFor={`${id}-goto`}>{t('reader.goTo.label')}</label>
          <input
            id={`${id}-goto`}
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCount}
            value={goTo}
            onChange={(e) => setGoTo(e.target.value)}
            aria-invalid={goToError ? 'true' : 'false'}
            aria-describedby={goToError ? `${id}-goto-error` : undefined}
          />
          <button type="submit">{t('reader.goTo.submit')}</button>
          {goToError && (
            <span id={`${id}-goto-error`} className="field-error" role="alert">
              {goToError}
            </span>
          )}
        </form>
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
          {!loadError && !layout && <p className="reader-loading">{t('reader.opening')}</p>}
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
      {editing && (
        <NoteEditor
          key={editing.mode === 'edit' ? editing.annotation.id : `${editing.page}:${editing.at.x}:${editing.at.y}`}
          kind={editing.mode === 'new' ? editing.kind : editing.annotation.kind === 'free-text' ? 'free-text' : 'note'}
          initial={editing.mode === 'edit' ? (editing.annotation.body ?? '') : ''}
          editing={editing.mode === 'edit'}
          onCancel={() => setEditing(null)}
          onDelete={
            editing.mode === 'edit' && editing.annotation.authorMemberId === notes.me
              ? () => {
                  void notes.remove(editing.annotation);
                  setEditing(null);
                }
              : undefined
          }
          onSave={(text) => {
            setEditing(null);
            if (editing.mode === 'edit') void notes.update(editing.annotation, { body: text });
            else {
              const size = editing.kind === 'note' ? { width: 20, height: 20 } : { width: 180, height: 36 };
              void notes.create({ meetingId: meeting.id, packId: pack.packId, kind: editing.kind, colour, pageIndex: editing.page - 1, rects: [{ ...editing.at, ...size }], body: text });
            }
          }}
        />
      )}
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
