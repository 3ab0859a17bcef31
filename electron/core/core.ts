import path from 'node:path';
import { databaseFileName, openDatabase, type Db } from './db/database';
import { createDispatcher, type Dispatcher, type Handlers, type Logger } from './dispatcher';
import { DomainWriter } from './repositories/domainWriter';
import { MeetingsRepository } from './repositories/meetings';
import { SettingsRepository } from './repositories/settings';
import { appVersion } from './version';

export interface CoreOptions {
  dataDir: string;
  clock?: () => Date;
  log?: Logger;
}

export interface Core extends Dispatcher {
  readonly dataDir: string;
  close(): void;
}

/** Opens the data directory and wires repositories to the contract's handler map. */
export function openCore(options: CoreOptions): Core {
  const { db, schemaVersion } = openDatabase(path.join(options.dataDir, databaseFileName));
  const writer = new DomainWriter(db, options.clock);
  const meetings = new MeetingsRepository(db, writer);
  const settings = new SettingsRepository(db);

  const handlers: Handlers = {
    getAppInfo: () => ({ version: appVersion, schemaVersion, dataDir: options.dataDir }),
    listMeetings: () => meetings.list(),
    getMeeting: ({ id }) => meetings.get(id),
    createMeeting: (input) => meetings.create(input),
    getSettings: () => settings.get(),
    updateSettings: (change) => settings.update(change),
  };

  const dispatcher = createDispatcher(handlers, options.log);
  return { ...dispatcher, dataDir: options.dataDir, close: () => closeDb(db) };
}

function closeDb(db: Db): void {
  if (db.open) db.close();
}
