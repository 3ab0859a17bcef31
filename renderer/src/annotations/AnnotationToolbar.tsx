import { useTranslation } from 'react-i18next';
import { annotationColours } from '../../../shared/annotations/schema';
import { colourNames, tools, type Tool } from './tools';

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

/** The annotation tools, colours, undo and redo; every one a button reachable from the keyboard. */
export function AnnotationToolbar({ tool, colour, canUndo, canRedo, onTool, onColour, onUndo, onRedo }: AnnotationToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="annotation-toolbar" role="toolbar" aria-label={t('annotations.toolbar')}>
      <div role="group" aria-label={t('annotations.tools')} className="tool-group">
        {tools.map((key) => (
          <button key={key} type="button" aria-pressed={tool === key} data-tool={key} onClick={() => onTool(key)} title={t(`annotations.toolKey.${key}`)}>
            {t(`annotations.tool.${key}`)}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t('annotations.colours')} className="tool-group colours">
        {annotationColours.map((c) => (
          <button key={c} type="button" className="swatch" aria-pressed={colour === c} aria-label={t(`annotations.colour.${colourNames[c]}`)} style={{ ['--swatch' as string]: c }} onClick={() => onColour(c)} />
        ))}
      </div>
      <div role="group" aria-label={t('annotations.history')} className="tool-group">
        <button type="button" onClick={onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          {t('annotations.undo')}
        </button>
        <button type="button" onClick={onRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
          {t('annotations.redo')}
        </button>
      </div>
    </div>
  );
}
