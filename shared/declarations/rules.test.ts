import { describe, expect, it } from 'vitest';
import { awaitsChairConfirmation, type DeclarationContext, validateDeclaration } from './rules';
import { Declaration, type DeclarationDraft } from './schema';

// The agenda of the seed pack (Corporate and Communities O&S Panel, 17 January 2022), plus a sub-item.
const context: DeclarationContext = { agendaItemNumbers: ['1', '2', '3', '4', '5', '6', '7', '7a', '8'] };

const base: DeclarationDraft = {
  memberId: 'member-1',
  meetingId: '0b7f5c1e-3f0a-4a7e-9c55-2a4f0d6f8e11',
  itemNumber: '7',
  kind: 'other-registrable',
  nature: 'My husband is employed by West Mercia Energy',
  action: 'remained',
  declaredAt: { when: 'declarations-item' },
  scope: { whole: true },
  preDeclared: false,
  confirmedByChair: false,
};

function validate(change: Partial<Record<keyof DeclarationDraft, unknown>>, ctx: DeclarationContext = context) {
  return validateDeclaration({ ...base, ...change }, ctx);
}

/** "path:code" for each issue, or [] when valid. */
function codes(change: Partial<Record<keyof DeclarationDraft, unknown>>, ctx: DeclarationContext = context): string[] {
  const result = validate(change, ctx);
  return result.ok ? [] : result.issues.map((i) => `${i.path.join('.')}:${i.code}`);
}

function valid(change: Partial<Record<keyof DeclarationDraft, unknown>>, ctx: DeclarationContext = context): Declaration {
  const result = validate(change, ctx);
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

describe('validateDeclaration: a valid declaration', () => {
  it('is normalised and satisfies the Declaration schema', () => {
    const value = valid({ nature: '  My husband is   employed by\nWest Mercia Energy ' });
    expect(value).toEqual({
      ...base,
      nature: 'My husband is employed by West Mercia Energy',
      natureWithheld: false,
    });
    expect(Declaration.parse(value)).toEqual(value);
  });

  it('is accepted again unchanged (validating a stored declaration is idempotent)', () => {
    const once = valid({ kind: 'dpi', action: undefined, itemNumber: 'Item 7A', scope: { whole: false, part: ' street lighting ' } });
    const twice = validateDeclaration(once, context);
    expect(twice).toEqual({ ok: true, value: once });
    const sensitive = valid({ kind: 'sensitive', nature: undefined, action: 'withdrew' });
    expect(validateDeclaration(sensitive, context)).toEqual({ ok: true, value: sensitive });
  });

  it('drops unknown keys and a blank dispensation reference', () => {
    const value = valid({ dispensationReference: '   ', ...{ extra: 'x' } });
    expect(value).not.toHaveProperty('dispensationReference');
    expect(value).not.toHaveProperty('extra');
  });

  it('reports structural problems with zod codes', () => {
    expect(codes({ kind: 'prejudicial' })).toEqual(['kind:invalid_value']);
    expect(codes({ meetingId: 'not-a-uuid' })).toEqual(['meetingId:invalid_format']);
    expect(codes({ preDeclared: 'yes' })).toEqual(['preDeclared:invalid_type']);
    expect(validateDeclaration(null, context).ok).toBe(false);
  });
});

describe('nature', () => {
  it.each([[''], ['   '], [null], [undefined]])('blank (%o) is required', (nature) => {
    expect(codes({ nature })).toEqual(['nature:nature_required']);
  });

  // The guidance: "you must disclose both its existence and nature – 'as noted/recorded' is insufficient".
  it.each([
    'as noted',
    'As noted.',
    'AS RECORDED',
    'as recorded!',
    'As noted/recorded',
    "'as noted'",
    'Noted',
    'recorded.',
    'As previously declared',
    'as declared previously',
    'Previously declared.',
    'See register',
    'see the register of interests',
    'As per my register of interests',
    'As registered',
    'My interest is recorded in the register',
    'As noted at the previous meeting',
    'Same as before',
    'As above',
    'Pecuniary interest',
    'Personal interest',
    'DPI',
    'n/a',
    'None',
    '-',
    '...',
    'Àś ñoted',
  ])('%o is insufficient', (nature) => {
    expect(codes({ nature })).toEqual(['nature:nature_insufficient']);
  });

  it.each([
    'Employed by West Mercia Energy',
    'My wife is a governor of a school in the division',
    'Noted author of a book on energy procurement',
    'Member of the Joint Committee',
    'Owns land adjoining the site',
  ])('%o says what the interest is', (nature) => {
    expect(codes({ nature })).toEqual([]);
  });

  it('is at most 1000 characters', () => {
    expect(codes({ nature: `Employed ${'x'.repeat(1000)}` })).toEqual(['nature:too_long']);
  });
});

describe('sensitive interests', () => {
  it('store no nature, flagged as withheld', () => {
    for (const nature of [undefined, null, '', '  ']) {
      const value = valid({ kind: 'sensitive', nature });
      expect(value.nature).toBeNull();
      expect(value.natureWithheld).toBe(true);
    }
  });

  it('refuse a typed nature rather than store it', () => {
    expect(codes({ kind: 'sensitive', nature: 'Lives next to the site' })).toEqual(['nature:nature_must_be_withheld']);
  });

  it('are the only kind withheld', () => {
    expect(valid({ kind: 'non-registrable' }).natureWithheld).toBe(false);
  });

  it('need an explicit action (it may or may not be pecuniary)', () => {
    expect(codes({ kind: 'sensitive', nature: undefined, action: undefined })).toEqual(['action:action_required']);
  });
});

describe('agenda item', () => {
  it.each([
    ['7', '7'],
    [' 7 ', '7'],
    ['Item 7', '7'],
    ['item no. 7', '7'],
    ['7.', '7'],
    ['7A', '7a'],
    ['7(a)', '7a'],
  ])('%o is item %s', (itemNumber, expected) => {
    expect(valid({ itemNumber }).itemNumber).toBe(expected);
  });

  it('must be on the agenda', () => {
    expect(codes({ itemNumber: '9' })).toEqual(['itemNumber:item_unknown']);
    expect(codes({ itemNumber: '7b' })).toEqual(['itemNumber:item_unknown']);
    expect(codes({ itemNumber: '5' }, { agendaItemNumbers: [] })).toEqual(['itemNumber:item_unknown']);
  });

  it('is required', () => {
    expect(codes({ itemNumber: ' ' })).toEqual(['itemNumber:item_required']);
  });

  it.each([
    'all items',
    'All',
    'All agenda items',
    '*',
    'Any item',
    'General declaration',
    'Items 5 and 6',
    '5, 6',
    '5-7',
    '5 to 8',
    '5/6',
    '5 & 7a',
  ])('%o is a blanket declaration, refused', (itemNumber) => {
    expect(codes({ itemNumber })).toEqual(['itemNumber:blanket_declaration']);
  });

  it('refuses a list of items: one declaration per item', () => {
    expect(codes({ itemNumber: ['5', '6'] })).toEqual(['itemNumber:blanket_declaration']);
  });

  it('accepts an odd printed number that is really on the agenda', () => {
    expect(valid({ itemNumber: '5-1' }, { agendaItemNumbers: ['5-1'] }).itemNumber).toBe('5-1');
  });
});

describe('disclosable pecuniary interests', () => {
  const dpi = { kind: 'dpi', nature: 'Employed by West Mercia Energy' } as const;

  it('without a dispensation and without an action: withdrew', () => {
    expect(valid({ ...dpi, action: undefined }).action).toBe('withdrew');
  });

  it.each(['withdrew', 'spoke-as-public-then-withdrew'] as const)('without a dispensation may be %s', (action) => {
    expect(valid({ ...dpi, action }).action).toBe(action);
  });

  it.each(['remained', 'remained-did-not-vote'] as const)('without a dispensation may not be %s', (action) => {
    expect(codes({ ...dpi, action })).toEqual(['action:dpi_must_withdraw']);
  });

  it('claiming a dispensation without its reference: must withdraw, or give the reference', () => {
    expect(codes({ ...dpi, action: 'remained-with-dispensation' })).toEqual([
      'action:dpi_must_withdraw',
      'dispensationReference:dispensation_reference_required',
    ]);
  });

  it('with a dispensation may remain, and the reference is kept', () => {
    const value = valid({ ...dpi, action: 'remained-with-dispensation', dispensationReference: ' DISP/2022/03 ' });
    expect(value.action).toBe('remained-with-dispensation');
    expect(value.dispensationReference).toBe('DISP/2022/03');
  });

  it('with a dispensation, "remained" is recorded as remained with dispensation', () => {
    expect(valid({ ...dpi, action: 'remained', dispensationReference: 'DISP/2022/03' }).action).toBe('remained-with-dispensation');
  });

  it('with a dispensation to speak but not vote may remain without voting', () => {
    expect(valid({ ...dpi, action: 'remained-did-not-vote', dispensationReference: 'DISP/2022/03' }).action).toBe('remained-did-not-vote');
  });

  it('with a dispensation still needs an action (withdrawing remains possible)', () => {
    expect(codes({ ...dpi, action: undefined, dispensationReference: 'DISP/2022/03' })).toEqual(['action:action_required']);
  });
});

describe('other interests', () => {
  it.each(['other-registrable', 'non-registrable'] as const)('%s may remain', (kind) => {
    expect(valid({ kind, action: 'remained' }).action).toBe('remained');
  });

  it('need an action: Chamber does not guess whether the interest prejudices judgement', () => {
    expect(codes({ action: undefined })).toEqual(['action:action_required']);
  });

  it('a dispensation action requires a reference, for any interest', () => {
    expect(codes({ action: 'remained-with-dispensation' })).toEqual(['dispensationReference:dispensation_reference_required']);
    expect(codes({ action: 'remained-with-dispensation', dispensationReference: 'D/1' })).toEqual([]);
  });

  it('the reference is at most 100 characters', () => {
    expect(codes({ dispensationReference: 'D'.repeat(101) })).toEqual(['dispensationReference:too_long']);
  });

  it('speaking as a member of the public is refused where the public may not speak', () => {
    expect(codes({ action: 'spoke-as-public-then-withdrew' }, { ...context, publicMaySpeak: false })).toEqual([
      'action:public_speaking_not_allowed',
    ]);
    expect(codes({ action: 'spoke-as-public-then-withdrew' }, { ...context, publicMaySpeak: true })).toEqual([]);
    expect(codes({ action: 'spoke-as-public-then-withdrew' })).toEqual([]);
  });
});

describe('party whip', () => {
  const whip = { kind: 'party-whip', nature: 'Group whip to support the budget proposals' } as const;

  it('is declared with its subject', () => {
    expect(valid({ ...whip, itemNumber: '5' }).nature).toBe('Group whip to support the budget proposals');
    expect(codes({ ...whip, nature: '' })).toEqual(['nature:nature_required']);
    expect(codes({ ...whip, nature: 'as noted' })).toEqual(['nature:nature_insufficient']);
  });

  it.each(['remained', 'remained-did-not-vote', 'withdrew'] as const)('may be %s', (action) => {
    expect(codes({ ...whip, action })).toEqual([]);
  });

  it.each(['remained-with-dispensation', 'spoke-as-public-then-withdrew'] as const)('cannot be %s (not an interest)', (action) => {
    expect(codes({ ...whip, action, dispensationReference: 'D/1' })).toEqual(['action:action_not_applicable']);
  });
});

describe('when declared and scope', () => {
  it('during an item names an agenda item', () => {
    expect(valid({ declaredAt: { when: 'during-item', itemNumber: 'item 7' } }).declaredAt).toEqual({ when: 'during-item', itemNumber: '7' });
    expect(codes({ declaredAt: { when: 'during-item', itemNumber: '12' } })).toEqual(['declaredAt.itemNumber:item_unknown']);
    expect(codes({ declaredAt: { when: 'during-item', itemNumber: 'all' } })).toEqual(['declaredAt.itemNumber:blanket_declaration']);
    expect(codes({ declaredAt: { when: 'during-item' } })).toEqual(['declaredAt.itemNumber:invalid_type']);
  });

  it('a named part must be named', () => {
    expect(valid({ scope: { whole: false, part: 'the street lighting contract' } }).scope).toEqual({
      whole: false,
      part: 'the street lighting contract',
    });
    expect(codes({ scope: { whole: false, part: ' ' } })).toEqual(['scope.part:part_required']);
    expect(codes({ scope: { whole: false, part: 'p'.repeat(201) } })).toEqual(['scope.part:too_long']);
  });
});

describe('every issue at once', () => {
  it('reports item, nature and action together', () => {
    expect(codes({ itemNumber: 'all items', kind: 'dpi', nature: 'as recorded', action: 'remained' })).toEqual([
      'itemNumber:blanket_declaration',
      'nature:nature_insufficient',
      'action:dpi_must_withdraw',
    ]);
  });
});

describe('pre-declarations', () => {
  it('await the chair until confirmed', () => {
    expect(awaitsChairConfirmation(valid({ preDeclared: true, confirmedByChair: false }))).toBe(true);
    expect(awaitsChairConfirmation(valid({ preDeclared: true, confirmedByChair: true }))).toBe(false);
    expect(awaitsChairConfirmation(valid({ preDeclared: false, confirmedByChair: false }))).toBe(false);
  });
});
