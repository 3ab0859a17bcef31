import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationToolbar, ColourSwatches, secondaryTools, toolIcons } from '../annotations/AnnotationToolbar';
import type { Tool } from '../annotations/tools';
import type { AnnotationsState } from '../annotations/useAnnotations';
import { currentItemShortcut } from '../live/currentItem';
import { GoToPage } from './GoToPage';
import { Icon, type IconName } from './Icon';
import { OverflowMenu } from './OverflowMenu';
import type { Viewport } from './useViewport';

/** One action in the "More" panel: an icon and its label in words (there is room for them there). */
function MenuAction({ icon, label, onClick, close, disabled = false, keys }: { icon: IconName; label: string; onClick: () => void; close: () => void; disabled?: boolean; keys?: string }) {
  return (
    <button
      type="button"
      className="tb-button"
      disabled={disabled}
      aria-keyshortcuts={keys}
      onClick={() => {
        close();
        onClick();
      }}
    >
      <Icon name={icon} />
      <span>{label}</span>
    </button>
  );
}

interface ReaderToolbarProps {
  current: number;
  pageCount: number;
  printed: string | number | null;
  viewport: Pick<Viewport, 'scale' | 'zoom' | 'setZoom' | 'changeZoom' | 'goToPage'>;
  sidebarId: string;
  sidebarOpen: boolean;
  onSidebar: () => void;
  largePrint: boolean;
  onLargePrint: () => void;
  canPrint: boolean;
  onPrint: () => void;
  onCopyReference: () => void;
  onCurrentItem: () => void;
  tool: Tool;
  colour: string;
  notes: Pick<AnnotationsState, 'canUndo' | 'canRedo' | 'undo' | 'redo'>;
  onTool: (tool: Tool) => void;
  onColour: (colour: string) => void;
}

/**
 * The reader's one toolbar, grouped navigate / zoom / annotate / share / print, with the less-used
 * controls behind "More". Labels shorten to icons (with tooltips) as the window narrows, so it
 * stays on one or two rows at 200% zoom and at 320 CSS px.
 */
export function ReaderToolbar(props: ReaderToolbarProps) {
  const { t } = useTranslation();
  const { current, pageCount, printed, viewport, tool, notes } = props;
  // Escape dismisses a tooltip without moving the pointer or focus (WCAG 1.4.13); the next focus or pointer move brings them back.
  const [tipsHidden, setTipsHidden] = useState(false);
  return (
    <div
      className={tipsHidden ? 'reader-toolbar tips-hidden' : 'reader-toolbar'}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setTipsHidden(true);
      }}
      onFocus={() => setTipsHidden(false)}
      onPointerMove={() => {
        if (tipsHidden) setTipsHidden(false);
      }}
    >
      <div role="group" aria-label={t('reader.toolbar.navigate')} className="tb-group">
        <button type="button" className="tb-button" aria-expanded={props.sidebarOpen} aria-controls={props.sidebarId} onClick={props.onSidebar} data-tip={t('reader.sidebar')}>
          <Icon name="contents" />
          <span className="tb-label">{t('reader.toolbar.contents')}</span>
        </button>
        <button type="button" className="tb-button icon-only" onClick={() => viewport.goToPage(current - 1)} disabled={current <= 1} aria-keyshortcuts="PageUp" data-tip={t('reader.toolbar.previous')}>
          <Icon name="previous" />
          <span className="tb-label">{t('reader.toolbar.previous')}</span>
        </button>
        <p className="page-indicator" role="status">
          <span>{t('reader.pageOf', { page: current, total: pageCount })}</span>
          {printed !== null && <span className="printed-page">{t('reader.printedPage', { page: printed })}</span>}
        </p>
        <button type="button" className="tb-button icon-only" onClick={() => viewport.goToPage(current + 1)} disabled={current >= pageCount} aria-keyshortcuts="PageDown" data-tip={t('reader.toolbar.next')}>
          <Icon name="next" />
          <span className="tb-label">{t('reader.toolbar.next')}</span>
        </button>
        <GoToPage pageCount={pageCount} onGo={viewport.goToPage} />
      </div>
      <div role="group" aria-label={t('reader.zoom.label')} className="tb-group zoom">
        <button type="button" className="tb-button icon-only" onClick={() => viewport.changeZoom(-1)} aria-keyshortcuts="-" data-tip={t('reader.zoom.out')}>
          <Icon name="zoomOut" />
          <span className="tb-label">{t('reader.zoom.out')}</span>
        </button>
        <span className="zoom-level">{`${Math.round(viewport.scale * 100)}%`}</span>
        <button type="button" className="tb-button icon-only" onClick={() => viewport.changeZoom(1)} aria-keyshortcuts="+" data-tip={t('reader.zoom.in')}>
          <Icon name="zoomIn" />
          <span className="tb-label">{t('reader.zoom.in')}</span>
        </button>
        <button type="button" className="tb-button" aria-pressed={viewport.zoom.mode === 'fit'} onClick={() => viewport.setZoom({ mode: 'fit' })} data-tip={t('reader.zoom.fitWidth')}>
          <Icon name="fit" />
          <span className="tb-label">{t('reader.zoom.fitWidth')}</span>
        </button>
        <button type="button" className="tb-button wide-only" aria-pressed={props.largePrint} onClick={props.onLargePrint} data-tip={t('reader.largePrint.toggle')}>
          <Icon name="largePrint" />
          <span className="tb-label">{t('reader.largePrint.toggle')}</span>
        </button>
      </div>
      <div role="group" aria-label={t('reader.toolbar.annotate')} className="tb-group">
        <AnnotationToolbar
          tool={tool}
          colour={props.colour}
          canUndo={notes.canUndo}
          canRedo={notes.canRedo}
          onTool={props.onTool}
          onColour={props.onColour}
          onUndo={() => void notes.undo()}
          onRedo={() => void notes.redo()}
        />
      </div>
      <div role="group" aria-label={t('reader.toolbar.shareAndPrint')} className="tb-group">
        <button type="button" className="tb-button wide-only" onClick={props.onCopyReference} data-tip={t('reader.toolbar.copyReferenceHint')}>
          <Icon name="copy" />
          <span className="tb-label">{t('reader.toolbar.copyReference')}</span>
        </button>
        <button type="button" className="tb-button wide-only" onClick={props.onPrint} disabled={!props.canPrint} data-tip={t('reader.print.open')}>
          <Icon name="print" />
          <span className="tb-label">{t('reader.print.open')}</span>
        </button>
        <OverflowMenu label={t('reader.toolbar.more')}>
          {(close) => (
            <>
              {/* In a narrow window these leave the toolbar (class wide-only) and wait here instead. */}
              <div className="narrow-only overflow-group">
                <div role="group" aria-label={t('annotations.colours')} className="tool-group colours">
                  <ColourSwatches colour={props.colour} onColour={props.onColour} />
                </div>
                <div role="group" aria-label={t('annotations.history')} className="tool-group">
                  <button type="button" className="tb-button" onClick={() => void notes.undo()} disabled={!notes.canUndo} aria-keyshortcuts="Control+Z">
                    <Icon name="undo" />
                    <span>{t('annotations.undo')}</span>
                  </button>
                  <button type="button" className="tb-button" onClick={() => void notes.redo()} disabled={!notes.canRedo} aria-keyshortcuts="Control+Shift+Z">
                    <Icon name="redo" />
                    <span>{t('annotations.redo')}</span>
                  </button>
                </div>
                <button type="button" className="tb-button" aria-pressed={props.largePrint} onClick={props.onLargePrint}>
                  <Icon name="largePrint" />
                  <span>{t('reader.largePrint.toggle')}</span>
                </button>
                <MenuAction icon="copy" label={t('reader.toolbar.copyReference')} close={close} onClick={props.onCopyReference} />
                <MenuAction icon="print" label={t('reader.print.open')} disabled={!props.canPrint} close={close} onClick={props.onPrint} />
              </div>
              <div role="group" aria-label={t('annotations.tools')} className="overflow-group">
                {secondaryTools.map((key) => (
                  <button
                    key={key}
                    type="button"
                    className="tb-button"
                    aria-pressed={tool === key}
                    data-tool={key}
                    onClick={() => {
                      props.onTool(key);
                      close();
                    }}
                  >
                    <Icon name={toolIcons[key]} />
                    <span>{t(`annotations.toolKey.${key}`)}</span>
                  </button>
                ))}
              </div>
              <MenuAction
                icon="current"
                label={t('reader.toolbar.currentItem', { key: currentItemShortcut.label })}
                keys={currentItemShortcut.key.toUpperCase()}
                close={close}
                onClick={props.onCurrentItem}
              />
            </>
          )}
        </OverflowMenu>
      </div>
    </div>
  );
}
