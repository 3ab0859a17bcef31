import path from 'node:path';
import type { backupOperations } from '../../../shared/api/contracts/backup';
import { createBackup } from './backup';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import type { DataKey } from '../security/keyStore';
import { appVersion } from '../../../node/version';

export type BackupHandlers = Pick<Handlers, keyof typeof backupOperations>;

/** The handlers for backups (shared/api/contracts/backup.ts); restoring is the command line's job. */
export function backupHandlers(db: Db, dataDir: string, key: DataKey, schemaVersion: number): BackupHandlers {
  return {
    createBackup: ({ path: out, passphrase }) => createBackup({ db, dataDir, key, out: path.resolve(out), passphrase, appVersion, schemaVersion }),
  };
}
