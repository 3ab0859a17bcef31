import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, InkStroke } from '../../../shared/annotations/schema';
import type { Tool } from './tools';

interface AnnotationLayerProps {
  page: number;
  scale: number;
  annotations: readonly Annotation[];
  tool: Tool;
  colour: string;
  focusedId: string | null;
  onPlace: (page: number, at: { x: number; y: number }) => void;
  onInk: (page: number, stroke: InkStroke) => void;
  onOpen: (annotation: Annotation) => void;
}

const placing = (tool: Tool) => tool === 'note' || tool === 'free-text' || tool === 'ink';

/** One page's annotations drawn over the PDF, and the pointer surface for notes and ink. */
export function AnnotationLayer({ page, scale, annotations, tool, colour, focusedId, onPlace, onInk, onOpen }: AnnotationLayerProps) {
  const { t } = useTranslation();
  const layerRef = useRef<HTMLDivElement>(null);
  const [stroke, setStroke] = useState<InkStroke | null>(null);

  const pointAt = (event: ReactPointerEvent) => {
    const box = layerRef.current?.getBoundingClientRect();
    return {
      x: Math.round(((event.clientX - (box?.left ?? 0)) / scale) * 100) / 100,
      y: Math.round(((event.clientY - (box?.top ?? 0)) / scale) * 100) / 100,
      // Mice report 0.5 while pressed; pens and touch report what they feel.
      pressure: event.pressure > 0 ? Math.min(1, event.pressure) : 0.5,
    };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || !placing(tool)) return;
    event.preventDefault();
    if (tool === 'ink') {
      event.currentTarget.setPointerCapture(event.pointerId);
      setStroke({ width: 2, points: [pointAt(event)] });
    }
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (tool !== 'ink' || !stroke) return;
    const p = pointAt(event);
    setStroke((s) => (s && s.points.length < 5000 ? { ...s, points: [...s.points, p] } : s));
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (tool === 'ink' && stroke) {
      setStroke(null);
      onInk(page, stroke);
    } else if ((tool === 'note' || tool === 'free-text') && event.target === event.currentTarget) {
      const { x, y } = pointAt(event);
      onPlace(page, { x, y });
    }
  };

  const s = (n: number) => n * scale;
  return (
    <div
      ref={layerRef}
      className={placing(tool) ? `annotation-layer placing tool-${tool}` : 'annotation-layer'}
      data-annotation-page={page}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
    >
      {annotations.map((a) => {
        const focused = a.id === focusedId ? ' focused' : '';
        if (a.kind === 'highlight' || a.kind === 'underline' || a.kind === 'strike') {
          return a.rects.map((r, i) => (
            <div
              key={`${a.id}-${i}`}
              className={`annotation-mark mark-${a.kind}${focused}`}
              data-annotation-id={a.id}
              style={{ left: s(r.x), top: s(r.y), width: s(r.width), height: s(r.height), ['--mark-colour' as string]: a.colour }}
            />
          ));
        }
        if (a.kind === 'ink') {
          return (
            <svg key={a.id} className={`annotation-ink${focused}`} data-annotation-id={a.id} aria-hidden="true">
              {(a.ink ?? []).flatMap((st, si) =>
                st.points.slice(1).map((p, i) => {
                  const from = st.points[i] ?? p;
                  return <line key={`${si}-${i}`} x1={s(from.x)} y1={s(from.y)} x2={s(p.x)} y2={s(p.y)} stroke={a.colour} strokeWidth={s(st.width * (0.5 + p.pressure))} strokeLinecap="round" />;
                }),
              )}
            </svg>
          );
        }
        const r = a.rects[0] ?? { x: 0, y: 0, width: 24, height: 24 };
        return (
          <button
            key={a.id}
            type="button"
            className={`annotation-${a.kind}${focused}`}
            data-annotation-id={a.id}
            style={{
              left: s(r.x),
              top: s(r.y),
              // Sized in page points like everything else on the page, so it keeps its place at any zoom.
              ...(a.kind === 'free-text' ? { width: s(r.width), minHeight: s(r.height), fontSize: s(11) } : { width: s(r.width), height: s(r.height) }),
              ['--mark-colour' as string]: a.colour,
            }}
            aria-label={a.kind === 'note' ? t('annotations.noteLabel', { text: a.body ?? '' }) : t('annotations.freeTextLabel', { text: a.body ?? '' })}
            onClick={() => onOpen(a)}
          >
            {a.kind === 'free-text' ? a.body : null}
          </button>
        );
      })}
      {stroke && (
        <svg className="annotation-ink drawing" aria-hidden="true">
          <polyline points={stroke.points.map((p) => `${s(p.x)},${s(p.y)}`).join(' ')} fill="none" stroke={colour} strokeWidth={s(stroke.width)} strokeLinecap="round" />
        </svg>
      )}
    </div>
  );
}
