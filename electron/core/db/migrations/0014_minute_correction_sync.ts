import type { Migration } from '../migration';

/** A random (version 4) UUID in SQL, the same shape as crypto.randomUUID(); evaluated per row. */
const uuid = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/**
 * A correction to approved minutes gets one identity on every device, so it can travel to the
 * endpoint and to the chair's and the clerk's other devices and land there exactly once. Its local
 * id is an autoincrement number that means nothing elsewhere, and minute_corrections is append-only
 * (migration 0007), so the sync id lives beside it rather than in it: one row per correction, written
 * in the same transaction as the correction, never changed.
 *
 * Corrections recorded before this migration never left their device: each gets its sync id here
 * and an outbox entry, so the next sync sends it like one recorded today.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'minute_correction_sync',
  sql: `
    CREATE TABLE minute_correction_sync (
      correction_id INTEGER PRIMARY KEY REFERENCES minute_corrections (id),
      sync_id       TEXT NOT NULL UNIQUE CHECK (length(sync_id) BETWEEN 1 AND 200)
    ) STRICT;
    CREATE TRIGGER minute_correction_sync_no_update BEFORE UPDATE ON minute_correction_sync BEGIN
      SELECT RAISE(ABORT, 'minute_correction_sync is append-only');
    END;
    CREATE TRIGGER minute_correction_sync_no_delete BEFORE DELETE ON minute_correction_sync BEGIN
      SELECT RAISE(ABORT, 'minute_correction_sync is append-only');
    END;

    INSERT INTO minute_correction_sync (correction_id, sync_id) SELECT id, ${uuid} FROM minute_corrections ORDER BY id;

    INSERT INTO outbox (mutation_id, client_id, entity, entity_id, base_version, operation, payload, created_at)
    SELECT ${uuid}, (SELECT value FROM device_settings WHERE key = 'client_id'), 'minute_correction', s.sync_id, 0, 'create',
           json_object('meetingId', c.meeting_id, 'itemNumber', c.item_number, 'text', c.text, 'recordedBy', c.recorded_by, 'at', c.at),
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM minute_corrections c JOIN minute_correction_sync s ON s.correction_id = c.id
     ORDER BY c.id;
  `,
};
