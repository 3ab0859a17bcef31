import type pg from 'pg';

export interface Meeting {
  councilId: string;
  committeeId: string;
  /** Item numbers published as Part II. */
  partTwo: Set<string>;
}

/**
 * What a push needs to know about the meetings its records belong to: the council and committee
 * (who sees them) and which items are Part II (restricted), from the published agenda or the
 * chair's live agenda. Read once per meeting per batch, and every meeting a batch names in one query.
 */
export class MeetingFacts {
  private readonly meetings = new Map<string, Meeting | null>();

  /** Reads the facts of those meetings not yet known. */
  async load(client: pg.PoolClient, meetingIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(meetingIds)].filter((id) => !this.meetings.has(id));
    if (missing.length === 0) return;
    const found = await client.query<{ id: string; council_id: string; committee_id: string; part_two: string[] }>(
      `SELECT m.id, m.council_id, m.committee_id,
              ARRAY(SELECT i->>'number' FROM jsonb_array_elements(m.items) i WHERE (i->>'restricted')::boolean
                    UNION SELECT r.data->>'itemNumber' FROM records r
                     WHERE r.entity = 'agenda_progress' AND r.id LIKE m.id || ':%' AND NOT r.deleted AND (r.data->>'partTwo')::boolean) AS part_two
         FROM meetings m WHERE m.id = ANY($1::text[])`,
      [missing],
    );
    for (const id of missing) this.meetings.set(id, null);
    for (const row of found.rows) this.meetings.set(row.id, { councilId: row.council_id, committeeId: row.committee_id, partTwo: new Set(row.part_two) });
  }

  /** A meeting's facts as `load` read them; null for a meeting that does not exist (or was not loaded). */
  known(meetingId: string): Meeting | null {
    return this.meetings.get(meetingId) ?? null;
  }

  async of(client: pg.PoolClient, meetingId: string): Promise<Meeting | null> {
    await this.load(client, [meetingId]);
    return this.known(meetingId);
  }

  async partTwo(client: pg.PoolClient, meetingId: string, itemNumber: string): Promise<boolean> {
    return (await this.of(client, meetingId))?.partTwo.has(itemNumber) ?? false;
  }

  /** The live agenda changed (an item became Part II, or stopped being). */
  forget(): void {
    this.meetings.clear();
  }
}
