import { Settings, defaultSettings } from '../../../shared/domain/settings';
import type { Db } from '../db/database';

const key = 'preferences';

/** Preferences of this device only; they are not domain data and never enter the outbox. */
export class SettingsRepository {
  private readonly select;
  private readonly upsert;

  constructor(db: Db) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM device_settings WHERE key = ?');
    this.upsert = db.prepare(
      'INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): Settings {
    const row = this.select.get(key);
    if (!row) return defaultSettings;
    // Fall back field by field so a preference written by an older build never blocks start-up.
    const parsed = Settings.partial().safeParse(JSON.parse(row.value));
    return { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
  }

  update(change: Partial<Settings>): Settings {
    const next = { ...this.get(), ...change };
    this.upsert.run(key, JSON.stringify(next));
    return next;
  }
}
