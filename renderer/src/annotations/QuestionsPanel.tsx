import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChamberApi } from '../../../shared/api/binding';
import type { Question } from '../../../shared/annotations/schema';
import type { PackItem } from '../../../shared/domain/pack';
import type { ApiError } from '../../../shared/result';
import { ErrorMessage } from '../components/ErrorMessage';

export interface QuestionDraft {
  itemNumber: string;
  text: string;
  /** The highlight the question grew from, if any (a question from selected text has none). */
  annotationId?: string;
}

interface QuestionsPanelProps {
  api: ChamberApi;
  me: string | null;
  meetingId: string;
  items: readonly PackItem[];
  activeItem: string | null;
  draft: QuestionDraft | null;
}

/** A member's questions for one agenda item: draft, reorder, mark asked, note the answer. A new draft remounts it (key). */
export function QuestionsPanel({ api, me, meetingId, items, activeItem, draft }: QuestionsPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState(draft?.itemNumber ?? null);
  // The picker follows the item being read until the member picks one (the panel is mounted,
  // hidden, from the moment the reader opens, often before the opening page is known).
  const item = chosen ?? activeItem ?? items[0]?.number ?? '';
  const [questions, setQuestions] = useState<Question[]>([]);
  const [text, setText] = useState(draft?.text ?? '');
  const [fromAnnotation, setFromAnnotation] = useState<string | null>(draft?.annotationId ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});

  const [changes, setChanges] = useState(0);

  useEffect(() => {
    if (!me || !item) return;
    let live = true;
    void api.listQuestions({ actingMemberId: me, meetingId, itemNumber: item }).then((list) => {
      if (!live) return;
      if (list.ok) setQuestions(list.value);
      else setError(list.error);
    });
    return () => {
      live = false;
    };
  }, [api, me, meetingId, item, changes]);

  const done = async <T,>(result: Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>) => {
    const r = await result;
    setError(r.ok ? null : r.error);
    if (r.ok) setChanges((n) => n + 1);
    return r.ok;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !text.trim()) return;
    const ok = await done(api.createQuestion({ actingMemberId: me, meetingId, itemNumber: item, text: text.trim(), ...(fromAnnotation ? { annotationId: fromAnnotation } : {}) }));
    if (ok) {
      setText('');
      setFromAnnotation(null);
    }
  };
  const move = (index: number, by: -1 | 1) => {
    if (!me) return;
    const ids = questions.map((q) => q.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    void done(api.reorderQuestions({ actingMemberId: me, meetingId, itemNumber: item, ids }));
  };

  return (
    <section className="questions-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('annotations.questions.heading')}</h2>
      <label htmlFor={`${id}-item`}>{t('annotations.questions.item')}</label>
      <select id={`${id}-item`} value={item} onChange={(e) => setChosen(e.target.value)}>
        {items.map((i) => (
          <option key={i.number} value={i.number}>
            {t('pack.itemLabel', { number: i.number, title: i.title })}
          </option>
        ))}
      </select>
      {error && <ErrorMessage error={error} />}
      {questions.length === 0 ? (
        <p>{t('annotations.questions.none')}</p>
      ) : (
        <ol className="question-list">
          {questions.map((q, index) => (
            <li key={q.id} data-question={q.id}>
              <p>{q.text}</p>
              <div className="actions">
                <button type="button" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('annotations.questions.up', { n: index + 1 })}>
                  {t('annotations.questions.upShort')}
                </button>
                <button type="button" onClick={() => move(index, 1)} disabled={index === questions.length - 1} aria-label={t('annotations.questions.down', { n: index + 1 })}>
                  {t('annotations.questions.downShort')}
                </button>
                <label>
                  <input type="checkbox" checked={q.askedAt !== null} onChange={(e) => me && void done(api.updateQuestion({ actingMemberId: me, id: q.id, asked: e.target.checked }))} />{' '}
                  {t('annotations.questions.asked')}
                </label>
                <button type="button" className="danger" onClick={() => me && void done(api.deleteQuestion({ actingMemberId: me, id: q.id }))} aria-label={t('annotations.questions.delete', { n: index + 1 })}>
                  {t('annotations.delete')}
                </button>
              </div>
              <label htmlFor={`${id}-${q.id}-answer`}>{t('annotations.questions.answer')}</label>
              <textarea
                id={`${id}-${q.id}-answer`}
                rows={2}
                value={answers[q.id] ?? q.answer ?? ''}
                onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.value }))}
                onBlur={() => {
                  const answer = answers[q.id];
                  if (me && answer !== undefined && answer !== (q.answer ?? '')) void done(api.updateQuestion({ actingMemberId: me, id: q.id, answer: answer.trim() ? answer : null }));
                }}
              />
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => void add(e)} className="question-form">
        <label htmlFor={`${id}-new`}>{t('annotations.questions.new')}</label>
        <textarea id={`${id}-new`} rows={3} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} />
        {fromAnnotation && <p className="hint">{t('annotations.questions.fromHighlight')}</p>}
        <button type="submit" disabled={!text.trim()}>
          {t('annotations.questions.add')}
        </button>
      </form>
    </section>
  );
}
