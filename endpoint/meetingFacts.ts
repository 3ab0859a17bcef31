import type pg from 'pg';

interface Meeting {
  councilId: string;
  committeeId: string;
  /** Item numbers published as Part II. */
  partTwo: Set<string>;
}

/**
 * What a push needs to know about the meetings its records belong to: the council and committee
 * (who sees them) and which items are Part II (restricted), from the published agenda or the
 * chair's live agenda. Read once per meeting per batch: a batch of 500 notes on one meeting asks once.
 */
export class MeetingFacts {
  private readonly meetings = new Map<string, Meeting | null>();

  async of(client: pg.PoolClient, meetingId: string): Promise<Meeting | null> {
    if (this.meetings.has(meetingId)) return this.meetings.get(meetingId) ?? null;
    const found = await client.query<{ council_id: string; committee_id: string; part_two: string[] }>(
      `SELECT m.council_id, m.committee_id,
              ARRAY(SELECT i->>'number' FROM jsonb_array_elements(m.items) i WHERE (i->>'restricted')::boolean
                    UNION SELECT r.data->>'itemNumber' FROM records r
                     WHERE r.entity = 'agenda_progress' AND r.id LIKE m.id || ':%' AND NOT r.deleted AND (r.data->>'partTwo')::boolean) AS part_two
         FROM meetings m WHERE m.id = $1`,
      [meetingId],
    );
    const row = found.rows[0];
    const meeting = row ? { councilId: row.council_id, committeeId: row.committee_id, partTwo: new Set(row.part_two) } : null;
    this.meetings.set(meetingId, meeting);
    return meeting;
  }

  async partTwo(client: pg.PoolClient, meetingId: string, itemNumber: string): Promise<boolean> {
    return (await this.of(client, meetingId))?.partTwo.has(itemNumber) ?? false;
  }

  /** The live agenda changed (an item became Part II, or stopped being). */
  forget(): void {
    this.meetings.clear();
  }
}
