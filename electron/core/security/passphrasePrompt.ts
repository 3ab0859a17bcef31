import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CoreError } from '../errors';
import { KeyStore, passphraseEnv } from './keyStore';

/**
 * The passphrase for a terminal program (the command line, the browser host): CHAMBER_DB_PASSPHRASE
 * when set, else asked for on the terminal without echo (twice for new data, so a typo cannot lock
 * the member out). With neither there is nothing safe to do, so it refuses rather than creating
 * unencrypted data.
 */
export interface PromptIo {
  env?: NodeJS.ProcessEnv;
  input?: NodeJS.ReadStream;
  output?: NodeJS.WriteStream;
}

export async function obtainPassphrase(dataDir: string, io: PromptIo = {}): Promise<string> {
  const env = io.env ?? process.env;
  const fromEnv = env[passphraseEnv];
  if (fromEnv) return fromEnv;
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  if (!input.isTTY) {
    throw new CoreError('KEY_REQUIRED', `Chamber keeps its data encrypted: set ${passphraseEnv} or run this from a terminal to type the passphrase`);
  }
  const isNew = !new KeyStore(dataDir).exists();
  const first = await askHidden(isNew ? 'Choose a passphrase to encrypt your Chamber data: ' : 'Passphrase for your Chamber data: ', input, output);
  if (!isNew) return first;
  const again = await askHidden('Type it again: ', input, output);
  if (first !== again) throw new CoreError('KEY_WRONG', 'The two passphrases differ; nothing was created');
  return first;
}

export const backupPassphraseEnv = 'CHAMBER_BACKUP_PASSPHRASE';

/**
 * The passphrase that protects a backup file: CHAMBER_BACKUP_PASSPHRASE, else typed on the terminal
 * (twice when creating, since a typo would make the backup useless).
 */
export async function obtainBackupPassphrase(confirm: boolean, io: PromptIo = {}): Promise<string> {
  const fromEnv = (io.env ?? process.env)[backupPassphraseEnv];
  if (fromEnv) return fromEnv;
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  if (!input.isTTY) {
    throw new CoreError('KEY_REQUIRED', `A backup needs its own passphrase: set ${backupPassphraseEnv} or run this from a terminal to type it`);
  }
  const first = await askHidden(confirm ? 'Choose a passphrase for this backup: ' : 'Passphrase for this backup: ', input, output);
  if (!confirm) return first;
  const again = await askHidden('Type it again: ', input, output);
  if (first !== again) throw new CoreError('BACKUP_PASSPHRASE_WRONG', 'The two passphrases differ; no backup was written');
  return first;
}

export const newPassphraseEnv = 'CHAMBER_NEW_DB_PASSPHRASE';

/** A new passphrase for the data key: CHAMBER_NEW_DB_PASSPHRASE, else typed twice on the terminal. */
export async function obtainNewPassphrase(io: PromptIo = {}): Promise<string> {
  const fromEnv = (io.env ?? process.env)[newPassphraseEnv];
  if (fromEnv) return fromEnv;
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  if (!input.isTTY) throw new CoreError('KEY_REQUIRED', `Set ${newPassphraseEnv} or run this from a terminal to type the new passphrase`);
  const first = await askHidden('New passphrase for your Chamber data: ', input, output);
  const again = await askHidden('Type it again: ', input, output);
  if (first !== again) throw new CoreError('KEY_WRONG', 'The two passphrases differ; nothing was changed');
  if (first.length === 0) throw new CoreError('KEY_REQUIRED', 'An empty passphrase cannot protect Chamber data');
  return first;
}

/**
 * The password of a protected PDF, typed on the terminal without echo; null where there is no
 * terminal to ask on. It goes to this one import and is never kept.
 */
export async function askPdfPassword(fileName: string, io: PromptIo = {}): Promise<string | null> {
  const input = io.input ?? process.stdin;
  if (!input.isTTY) return null;
  const answer = await askHidden(`${fileName} is protected by a password. Password: `, input, io.output ?? process.stderr);
  return answer.length > 0 ? answer : null;
}

function askHidden(question: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input, output: sink, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
