import { useTranslation } from 'react-i18next';
import { annotationColours } from '../../../shared/annotations/schema';
import { Icon, type IconName } from '../reader/Icon';
import { colourNames, type Tool } from './tools';

/** The tools a member reaches for most; the rest wait in the reader's "More" menu (and on their keys). */
export const primaryTools = ['select', 'highlight', 'note'] as const satisfies readonly Tool[];
export const secondaryTools = ['underline', 'strike', 'free-text', 'ink'] as const satisfies readonly Tool[];

export const toolIcons: Record<Tool, IconName> = {
  select: 'select',
  highlight: 'highlight',
  underline: 'underline',
  strike: 'strike',
  note: 'note',
  'free-text': 'freeText',
  ink: 'ink',
};

interface AnnotationToolbarProps {
  tool: Tool;
  colour: string;
  canUndo: boolean;
  canRedo: boolean;
  onTool: (tool: Tool) => void;
  onColour: (colour: string) => void;
  onUndo: () => void;
  onRedo: () => void;
}

/** The annotation tools, colours, undo and redo as icon buttons (colours and history move into "More" in a narrow window); every one named, with a tooltip, and reachable from the keyboard. */
export function ColourSwatches({ colour, onColour }: { colour: string; onColour: (colour: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {annotationColours.map((c) => (
        <button key={c} type="button" className="swatch" aria-pressed={colour === c} aria-label={t(`annotations.colour.${colourNames[c]}`)} style={{ ['--swatch' as string]: c }} onClick={() => onColour(c)} />
      ))}
    </>
  );
}

export function AnnotationToolbar({ tool, colour, canUndo, canRedo, onTool, onColour, onUndo, onRedo }: AnnotationToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="annotation-toolbar" role="toolbar" aria-label={t('annotations.toolbar')}>
      <div role="group" aria-label={t('annotations.tools')} className="tool-group">
        {primaryTools.map((key) => (
          <button key={key} type="button" className="tb-button icon-only" aria-pressed={tool === key} data-tool={key} data-tip={t(`annotations.toolKey.${key}`)} onClick={() => onTool(key)}>
            <Icon name={toolIcons[key]} />
            <span className="tb-label">{t(`annotations.tool.${key}`)}</span>
          </button>
        ))}
      </div>
      <div role="group" aria-label={t('annotations.colours')} className="tool-group colours wide-only">
        <ColourSwatches colour={colour} onColour={onColour} />
      </div>
      <div role="group" aria-label={t('annotations.history')} className="tool-group wide-only">
        <button type="button" className="tb-button icon-only" onClick={onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z" data-tip={t('annotations.undo')}>
          <Icon name="undo" />
          <span className="tb-label">{t('annotations.undo')}</span>
        </button>
        <button type="button" className="tb-button icon-only" onClick={onRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" data-tip={t('annotations.redo')}>
          <Icon name="redo" />
          <span className="tb-label">{t('annotations.redo')}</span>
        </button>
      </div>
    </div>
  );
}
