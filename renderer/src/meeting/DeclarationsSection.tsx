import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { declarationActions, interestKinds, type DeclarationAction, type InterestKind, type InterestSuggestion } from '../../../shared/declarations/schema';
import type { MeetingRole, StoredDeclaration } from '../../../shared/domain/interests';
import type { LiveAgendaItem } from '../../../shared/meeting/schema';
import { useApi } from '../api/ApiContext';
import { useMemberName } from '../i18n/useMemberName';
import { RefusalMessage, useChange } from './shared';

interface Props {
  meetingId: string;
  actingMemberId: string;
  roles: MeetingRole[];
  items: LiveAgendaItem[];
  declarations: StoredDeclaration[];
  suggestions: InterestSuggestion[];
  onChanged: () => void;
  /** The acting member chairs, vice-chairs or clerks: what they record is confirmed at once. */
  presiding: boolean;
  /** Arrived from "Declare an interest" on the meeting page: the form opens on the member's own declaration. */
  declareForMe?: boolean;
}

/** Declarations of interest: the form, the list (pre-declarations to confirm) and the prompts. */
export function DeclarationsSection({ meetingId, actingMemberId, roles, items, declarations, suggestions, onChanged, presiding, declareForMe = false }: Props) {
  const { t } = useTranslation();
  const displayName = useMemberName();
  const api = useApi();
  const [error, run] = useChange(onChanged);
  const [memberId, setMemberId] = useState(declareForMe ? actingMemberId : '');
  const memberRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!declareForMe) return;
    memberRef.current?.focus();
    memberRef.current?.scrollIntoView({ block: 'center' });
  }, [declareForMe]);
  const [itemNumber, setItemNumber] = useState('');
  const [kind, setKind] = useState<InterestKind>('other-registrable');
  const [nature, setNature] = useState('');
  const [action, setAction] = useState<DeclarationAction | ''>('');
  const [dispensation, setDispensation] = useState('');
  const [when, setWhen] = useState<'declarations-item' | 'during-item'>('declarations-item');
  const [part, setPart] = useState('');
  const nameOf = (id: string) => displayName(roles.find((r) => r.memberId === id)?.memberName ?? id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      api.recordDeclaration({
        actingMemberId,
        declaration: {
          memberId,
          meetingId,
          itemNumber,
          kind,
          nature: kind === 'sensitive' ? null : nature,
          ...(action === '' ? {} : { action }),
          ...(dispensation.trim() === '' ? {} : { dispensationReference: dispensation }),
          declaredAt: when === 'declarations-item' ? { when } : { when, itemNumber },
          scope: part.trim() === '' ? { whole: true } : { whole: false, part },
          // A member declaring for themselves waits for the chair to confirm; the chair's own entries need no confirming.
          preDeclared: !presiding,
          confirmedByChair: presiding,
        },
      }),
    );
    if (saved) {
      setNature('');
      setPart('');
      setDispensation('');
    }
  };

  return (
    <section aria-labelledby="declarations-heading">
      <h2 id="declarations-heading">{t('runMeeting.declarations.heading')}</h2>
      {suggestions.length > 0 && (
        <ul className="suggestions" aria-label={t('runMeeting.declarations.suggestions')}>
          {suggestions.map((s, i) => (
            <li key={i}>{t('runMeeting.declarations.suggestion', { name: nameOf(s.memberId), interest: s.interestDescription, item: s.itemNumber })}</li>
          ))}
        </ul>
      )}
      {declarations.length === 0 ? (
        <p className="empty">{t('runMeeting.declarations.none')}</p>
      ) : (
        <ul>
          {declarations.map((d) => (
            <li key={d.id} className={d.withdrawnAt ? 'withdrawn' : undefined}>
              {t('runMeeting.declarations.entry', {
                name: nameOf(d.memberId),
                item: d.itemNumber,
                kind: t(`runMeeting.declarations.kinds.${d.kind}`),
                nature: d.natureWithheld ? t('runMeeting.declarations.withheld') : (d.nature ?? ''),
                action: t(`runMeeting.declarations.actions.${d.action}`),
              })}
              {d.preDeclared && !d.confirmedByChair && !d.withdrawnAt && (
                <button type="button" onClick={() => void run(() => api.confirmDeclaration({ actingMemberId, declarationId: d.id }))}>
                  {t('runMeeting.declarations.confirm', { name: nameOf(d.memberId) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} aria-labelledby="declare-heading">
        <h3 id="declare-heading">{t('runMeeting.declarations.formHeading')}</h3>
        {error && <RefusalMessage error={error} />}
        <label>
          {t('runMeeting.declarations.member')}
          <select ref={memberRef} value={memberId} onChange={(e) => setMemberId(e.target.value)} required>
            <option value="">{t('runMeeting.choose')}</option>
            {roles.map((r) => (
              <option key={r.memberId} value={r.memberId}>
                {displayName(r.memberName)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runMeeting.declarations.item')}
          <select value={itemNumber} onChange={(e) => setItemNumber(e.target.value)}>
            <option value="">{t('runMeeting.choose')}</option>
            {items.map((i) => (
              <option key={i.number} value={i.number}>
                {t('runMeeting.agenda.itemLabel', { number: i.number, title: i.title })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runMeeting.declarations.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as InterestKind)}>
            {interestKinds.map((k) => (
              <option key={k} value={k}>
                {t(`runMeeting.declarations.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runMeeting.declarations.nature')}
          <input type="text" value={nature} onChange={(e) => setNature(e.target.value)} disabled={kind === 'sensitive'} />
        </label>
        <label>
          {t('runMeeting.declarations.action')}
          <select value={action} onChange={(e) => setAction(e.target.value as DeclarationAction | '')}>
            <option value="">{t('runMeeting.choose')}</option>
            {declarationActions.map((a) => (
              <option key={a} value={a}>
                {t(`runMeeting.declarations.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runMeeting.declarations.dispensation')}
          <input type="text" value={dispensation} onChange={(e) => setDispensation(e.target.value)} />
        </label>
        <label>
          {t('runMeeting.declarations.when')}
          <select value={when} onChange={(e) => setWhen(e.target.value as 'declarations-item' | 'during-item')}>
            <option value="declarations-item">{t('runMeeting.declarations.atDeclarations')}</option>
            <option value="during-item">{t('runMeeting.declarations.duringItem')}</option>
          </select>
        </label>
        <label>
          {t('runMeeting.declarations.part')}
          <input type="text" value={part} onChange={(e) => setPart(e.target.value)} />
        </label>
        <button type="submit">{t('runMeeting.declarations.submit')}</button>
      </form>
    </section>
  );
}
