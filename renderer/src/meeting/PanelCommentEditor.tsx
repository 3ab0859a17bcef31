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
  /** The text the textarea showed before the keystroke: diffing against it, not the document, keeps edits merged meanwhile. */
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
      Y.applyUpdate(doc, base64ToBytes(result.value.update), remote);
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
    const removed = Math.min(current.length - start - end, Math.max(0, ytext.length - start));
    doc.transact(() => {
      if (removed > 0) ytext.delete(start, removed);
      ytext.insert(Math.min(start, ytext.length), next.slice(start, next.length - end));
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
          <textarea id={id} rows={5} value={text} onChange={(e) => edit(e.target.value)} />
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
