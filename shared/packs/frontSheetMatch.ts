import type { StructureWarning } from '../domain/pack';

interface Said {
  committee: string | null;
  date: string | null;
}

/** Committee names compared as a person would: case, spacing, punctuation and "the" aside. */
const normalise = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\bthe\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * When a pack is attached to a meeting the clerk chose, the front sheet may name another date or
 * committee: usually the wrong file. Said as warnings, never refused (a moved meeting keeps its
 * printed date).
 */
export function frontSheetMismatches(frontSheet: Said, meeting: { committee: string; date: string }): StructureWarning[] {
  const out: StructureWarning[] = [];
  if (frontSheet.date !== null && frontSheet.date !== meeting.date) {
    out.push({ code: 'FRONT_SHEET_DATE_DIFFERS', detail: `The front sheet is dated ${frontSheet.date}; the meeting is on ${meeting.date}`, found: frontSheet.date, expected: meeting.date });
  }
  if (frontSheet.committee !== null && normalise(frontSheet.committee) !== normalise(meeting.committee)) {
    out.push({
      code: 'FRONT_SHEET_COMMITTEE_DIFFERS',
      detail: `The front sheet names ${frontSheet.committee}; the meeting is of ${meeting.committee}`,
      found: frontSheet.committee,
      expected: meeting.committee,
    });
  }
  return out;
}
