import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChamberApi } from '../../../shared/api/binding';
import type { InputOf } from '../../../shared/api/contract';
import type { Annotation, AnnotationChange } from '../../../shared/annotations/schema';
import type { ApiError, Result } from '../../../shared/result';

interface Step {
  undo: () => Promise<Result<Annotation>>;
  redo: () => Promise<Result<Annotation>>;
}

export interface AnnotationsState {
  me: string | null;
  annotations: Annotation[];
  error: ApiError | null;
  canUndo: boolean;
  canRedo: boolean;
  create(input: InputOf<'createAnnotation'>['annotation']): Promise<Annotation | null>;
  update(annotation: Annotation, change: AnnotationChange): Promise<void>;
  remove(annotation: Annotation): Promise<void>;
  share(annotation: Annotation, shared: boolean): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

const changeBack = (a: Annotation, change: AnnotationChange): AnnotationChange => {
  const back: AnnotationChange = {};
  if (change.colour !== undefined) back.colour = a.colour;
  if (change.kind !== undefined) back.kind = a.kind;
  if (change.body !== undefined) back.body = a.body;
  if (change.rects !== undefined) back.rects = a.rects;
  if (change.ink !== undefined) back.ink = a.ink;
  return back;
};

/**
 * The meeting's annotations as this member sees them, and every change made through the core.
 * Undo and redo are the inverse operations (delete ↔ restore, update back), also saved at once,
 * so an undone change is as durable as any other.
 */
export function useAnnotations(api: ChamberApi, meetingId: string): AnnotationsState {
  const [me, setMe] = useState<string | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [history, setHistory] = useState<{ done: Step[]; undone: Step[] }>({ done: [], undone: [] });
  const historyRef = useRef(history);
  useEffect(() => {
    historyRef.current = history;
  });

  useEffect(() => {
    let live = true;
    void (async () => {
      const who = await api.getLocalMember({});
      if (!live) return;
      if (!who.ok) return setError(who.error);
      setMe(who.value.memberId);
      const list = await api.listAnnotations({ actingMemberId: who.value.memberId, meetingId });
      if (!live) return;
      if (list.ok) setAnnotations(list.value);
      else setError(list.error);
    })();
    return () => {
      live = false;
    };
  }, [api, meetingId]);

  const apply = useCallback((result: Result<Annotation>): Annotation | null => {
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setError(null);
    const saved = result.value;
    setAnnotations((list) => {
      const rest = list.filter((a) => a.id !== saved.id);
      return saved.deletedAt === null ? [...rest, saved] : rest;
    });
    return saved;
  }, []);

  const push = useCallback((step: Step) => setHistory((h) => ({ done: [...h.done.slice(-199), step], undone: [] })), []);

  const create = useCallback(
    async (input: InputOf<'createAnnotation'>['annotation']) => {
      if (!me) return null;
      const saved = apply(await api.createAnnotation({ actingMemberId: me, annotation: input }));
      if (saved) {
        push({
          undo: () => api.deleteAnnotation({ actingMemberId: me, id: saved.id }),
          redo: () => api.restoreAnnotation({ actingMemberId: me, id: saved.id }),
        });
      }
      return saved;
    },
    [api, me, apply, push],
  );

  const update = useCallback(
    async (annotation: Annotation, change: AnnotationChange) => {
      if (!me) return;
      const back = changeBack(annotation, change);
      const saved = apply(await api.updateAnnotation({ actingMemberId: me, id: annotation.id, change }));
      if (saved) {
        push({
          undo: () => api.updateAnnotation({ actingMemberId: me, id: annotation.id, change: back }),
          redo: () => api.updateAnnotation({ actingMemberId: me, id: annotation.id, change }),
        });
      }
    },
    [api, me, apply, push],
  );

  const remove = useCallback(
    async (annotation: Annotation) => {
      if (!me) return;
      const saved = apply(await api.deleteAnnotation({ actingMemberId: me, id: annotation.id }));
      if (saved) {
        push({
          undo: () => api.restoreAnnotation({ actingMemberId: me, id: annotation.id }),
          redo: () => api.deleteAnnotation({ actingMemberId: me, id: annotation.id }),
        });
      }
    },
    [api, me, apply, push],
  );

  const share = useCallback(
    async (annotation: Annotation, shared: boolean) => {
      if (!me) return;
      const saved = apply(await api.shareAnnotation({ actingMemberId: me, id: annotation.id, shared }));
      if (saved) {
        push({
          undo: () => api.shareAnnotation({ actingMemberId: me, id: annotation.id, shared: !shared }),
          redo: () => api.shareAnnotation({ actingMemberId: me, id: annotation.id, shared }),
        });
      }
    },
    [api, me, apply, push],
  );

  const undo = useCallback(async () => {
    const step = historyRef.current.done.at(-1);
    if (!step) return;
    if (apply(await step.undo())) setHistory((h) => ({ done: h.done.slice(0, -1), undone: [...h.undone, step] }));
  }, [apply]);

  const redo = useCallback(async () => {
    const step = historyRef.current.undone.at(-1);
    if (!step) return;
    if (apply(await step.redo())) setHistory((h) => ({ done: [...h.done, step], undone: h.undone.slice(0, -1) }));
  }, [apply]);

  return { me, annotations, error, canUndo: history.done.length > 0, canRedo: history.undone.length > 0, create, update, remove, share, undo, redo };
}
