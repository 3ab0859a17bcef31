import { randomUUID } from 'node:crypto';
import type { Meeting, MeetingStatus, NewMeeting } from '../../../shared/domain/meeting';
import type { Db } from '../db/database';
import { CoreError } from '../errors';
import type { DomainWriter } from '../repositories/domainWriter';

interface MeetingRow {
  id: string;
  title: string;
  committee: string;
  date: string;
  start_time: string;
  venue: string;
  status: MeetingStatus;
  version: number;
  created_at: string;
  updated_at: string;
}

const toMeeting = (row: MeetingRow): Meeting => ({
  id: row.id,
  title: row.title,
  committee: row.committee,
  date: row.date,
  startTime: row.start_time,
  venue: row.venue,
  status: row.status,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class MeetingsRepository {
  private readonly selectAll;
  private readonly selectOne;
  private readonly insert;

  constructor(
    db: Db,
    private readonly writer: DomainWriter,
  ) {
    this.selectAll = db.prepare<[], MeetingRow>('SELECT * FROM meetings ORDER BY date, start_time, title');
    this.selectOne = db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO meetings (id, title, committee, date, start_time, venue, status, version, created_at, updated_at)
       VALUES (@id, @title, @committee, @date, @startTime, @venue, @status, @version, @createdAt, @updatedAt)`,
    );
  }

  list(): Meeting[] {
    return this.selectAll.all().map(toMeeting);
  }

  get(id: string): Meeting {
    const row = this.selectOne.get(id);
    if (!row) throw new CoreError('NOT_FOUND', `No meeting with id ${id}`);
    return toMeeting(row);
  }

  create(input: NewMeeting): Meeting {
    return this.writer.write((tx) => {
      const meeting: Meeting = {
        ...input,
        id: randomUUID(),
        status: 'scheduled',
        version: 0,
        createdAt: tx.now,
        updatedAt: tx.now,
      };
      this.insert.run(meeting);
      tx.recordEntity('meeting', meeting, 'create');
      return meeting;
    });
  }
}
