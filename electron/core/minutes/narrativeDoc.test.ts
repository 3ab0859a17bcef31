import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { RichText } from '../../../shared/minutes/richText';
import { editNarrative, narrativeDoc, narrativeOf } from './narrativeDoc';

const narrative: RichText = [
  { type: 'paragraph', runs: [{ text: 'The panel ' }, { text: 'noted', bold: true }, { text: ' the report on Heol y Nant 🏠.' }] },
  { type: 'list', ordered: true, items: [[{ text: 'Officers to survey traffic.' }], [{ text: 'Report back in March.', italic: true }]] },
  { type: 'list', ordered: false, items: [[{ text: 'Cllr Morgan left the room.' }]] },
  { type: 'paragraph', runs: [] },
];

/** Two devices that share a starting state, as sync gives them. */
function twoDevices(start: RichText): [Y.Doc, Y.Doc] {
  const origin = narrativeDoc(null);
  editNarrative(origin, start);
  const state = Y.encodeStateAsUpdate(origin);
  return [narrativeDoc(state), narrativeDoc(state)];
}

describe('a minute narrative as a Yjs document', () => {
  it('holds paragraphs, lists, bold and italic exactly as written', () => {
    const doc = narrativeDoc(null);
    expect(editNarrative(doc, narrative)).not.toBeNull();
    expect(narrativeOf(doc)).toEqual(narrative);
    // Saving the same narrative again changes nothing and sends nothing.
    expect(editNarrative(doc, narrative)).toBeNull();
  });

  it('merges the chair and the clerk editing different parts on two devices, in either order', () => {
    const [chair, clerk] = twoDevices(narrative);
    const chairs = structuredClone(narrative);
    (chairs[0] as { runs: { text: string }[] }).runs[2] = { text: ' the report on Heol y Nant 🏠 with concern.' };
    const clerks = structuredClone(narrative);
    (clerks[1] as { items: { text: string; italic?: boolean }[][] }).items.push([{ text: 'Chair to write to the applicant.' }]);
    const fromChair = editNarrative(chair, chairs) as Uint8Array;
    const fromClerk = editNarrative(clerk, clerks) as Uint8Array;
    Y.applyUpdate(chair, fromClerk);
    Y.applyUpdate(clerk, fromChair);
    const merged = narrativeOf(chair);
    expect(narrativeOf(clerk)).toEqual(merged);
    expect(merged[0]).toEqual({ type: 'paragraph', runs: [{ text: 'The panel ' }, { text: 'noted', bold: true }, { text: ' the report on Heol y Nant 🏠 with concern.' }] });
    expect(merged[1]).toEqual({ type: 'list', ordered: true, items: [[{ text: 'Officers to survey traffic.' }], [{ text: 'Report back in March.', italic: true }], [{ text: 'Chair to write to the applicant.' }]] });
  });

  it('does not spread formatting into text typed next to it', () => {
    const doc = narrativeDoc(null);
    editNarrative(doc, [{ type: 'paragraph', runs: [{ text: 'Agreed', bold: true }] }]);
    editNarrative(doc, [{ type: 'paragraph', runs: [{ text: 'Agreed', bold: true }, { text: ' unanimously' }] }]);
    expect(narrativeOf(doc)).toEqual([{ type: 'paragraph', runs: [{ text: 'Agreed', bold: true }, { text: ' unanimously' }] }]);
  });
});
