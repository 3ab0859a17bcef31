/**
 * Encrypted backups of this device's data (issue 9.9). Creating one is an ordinary operation; restoring
 * replaces the whole data directory under the running core, so it is a command-line operation
 * (`chamber backup restore`) run while the app is closed, not part of this contract.
 */
import { z } from 'zod';
import { operation } from '../operation';

export const BackupSummary = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

/** Long enough that guessing it from a copied backup file is not cheap, even with scrypt in the way. */
export const minBackupPassphrase = 8;

export const backupOperations = {
  createBackup: operation({
    summary: 'Write an encrypted backup of the database, settings and stored papers to a file, protected by a backup passphrase',
    input: z
      .object({
        path: z.string().min(1).max(4096),
        passphrase: z.string().min(minBackupPassphrase).max(1024),
      })
      .strict(),
    output: BackupSummary,
  }),
};
