import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { PanelComment } from '../../../shared/meeting/schema';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';
import { base64ToBytes, bytesToBase64 } from '../api/base64';
import { RefusalMessage } from './shared';

/** How often an open editor fetches what others typed. */
const pullEveryMs = 1500;
const remote = 'core';

/**
 * One panel comment draft as a Yjs document in this window: local typing becomes Yjs updates pushed
 * to the core; other members' updates are pulled periodically and merged, so nobody's edit is lost.
 */
export function PanelCommentEditor({ comment, actingMemberId, canAgree, onChanged }: { comment: PanelComment; actingMemberId: string; canAgree: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const docRef = useRef<Y.Doc | null>(null);
  const areaRef = useRef<HTMLTextAreaElement | null>(null);
  /**
   * What the textarea shows. Remote changes are written into the textarea in the same tick they are
   * merged (the caret kept in place through Yjs relative positions), so a keystroke is always diffed
   * against the text it was typed into; waiting for React to re-render would let a keystroke that
   * lands in between undo the other member's edit.
   */
  const shownRef = useRef('');
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const agreed = comment.agreedText !== null;

  useEffect(() => {
    const doc = new Y.Doc();
    docRef.current = doc;
    const ytext = doc.getText('text');
    let live = true;
    const pull = async () => {
      const result = await api.pullPanelComment({ commentId: comment.id, stateVector: bytesToBase64(Y.encodeStateVector(doc)) });
      if (!live || !result.ok) return;
      const area = areaRef.current;
      const caret = area
        ? [Y.createRelativePositionFromTypeIndex(ytext, area.selectionStart), Y.createRelativePositionFromTypeIndex(ytext, area.selectionEnd)]
        : null;
      Y.applyUpdate(doc, base64ToBytes(result.value.update), remote);
      if (area && caret && shownRef.current !== area.value) {
        area.value = shownRef.current;
        const [start, end] = caret.map((p) => Y.createAbsolutePositionFromRelativePosition(p, doc)?.index ?? shownRef.current.length);
        if (document.activeElement === area) area.setSelectionRange(start ?? 0, end ?? 0);
      }
    };
    ytext.observe(() => {
      shownRef.current = ytext.toJSON();
      setText(shownRef.current);
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === remote) return;
      void api.pushPanelCommentUpdate({ actingMemberId, commentId: comment.id, update: bytesToBase64(update) }).then((result) => setError(result.ok ? null : result.error));
    });
    void pull();
    const timer = window.setInterval(() => void pull(), pullEveryMs);
    return () => {
      live = false;
      window.clearInterval(timer);
      doc.destroy();
    };
  }, [api, comment.id, actingMemberId]);

  /** Turns the textarea's new value into one Yjs change (the span between common ends). */
  const edit = (next: string) => {
    const doc = docRef.current;
    if (!doc) return;
    const ytext = doc.getText('text');
    const current = shownRef.current;
    let start = 0;
    while (start < current.length && start < next.length && current[start] === next[start]) start += 1;
    let end = 0;
    while (end < current.length - start && end < next.length - start && current[current.length - 1 - end] === next[next.length - 1 - end]) end += 1;
    const removed = current.length - start - end;
    doc.transact(() => {
      if (removed > 0) ytext.delete(start, removed);
      ytext.insert(start, next.slice(start, next.length - end));
    });
  };

  const id = `comment-${comment.id}`;
  return (
    <div className="panel-comment">
      <h3 id={`${id}-title`}>{t('runMeeting.comments.title', { item: comment.itemNumber, title: comment.title })}</h3>
      {error && <RefusalMessage error={error} />}
      {agreed ? (
        <>
          <p className="agreed-label">{t('runMeeting.comments.agreed')}</p>
          <blockquote data-testid="agreed-text">{comment.agreedText}</blockquote>
        </>
      ) : (
        <>
          <label htmlFor={id}>{t('runMeeting.comments.draft')}</label>
          <textarea id={id} ref={areaRef} rows={5} defaultValue={text} onChange={(e) => edit(e.target.value)} />
          {canAgree && (
            <button
              type="button"
              onClick={() =>
                void api.agreePanelComment({ actingMemberId, commentId: comment.id, expectedText: text }).then((result) => {
                  if (result.ok) onChanged();
                  else setError(result.error);
                })
              }
            >
              {t('runMeeting.comments.agree')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
