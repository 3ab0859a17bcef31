import path from 'node:path';
import { databaseFileName, openExistingDatabase, type Db } from '../db/database';
import { resolveDataKey } from '../security/keyStore';

/**
 * The encrypted database of a data directory, opened under the key the test run's passphrase
 * (CHAMBER_DB_PASSPHRASE, set in vitest.config.ts) unlocks, so tests can check rows directly.
 */
export function openDataDatabase(dataDir: string, options: { readonly?: boolean } = {}): Db {
  return openExistingDatabase(path.join(dataDir, databaseFileName), resolveDataKey(dataDir, {}), options);
}
