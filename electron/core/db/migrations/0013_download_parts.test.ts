import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempDir';
import { migrate } from '../migrator';
import { migrations } from './index';

describe('migration 0013 download parts', () => {
  it('keeps parts only of known documents, once per offset, never empty, and drops them with their document', () => {
    const db = new Database(path.join(makeTempDir(), 'm13.sqlite3'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    db.prepare("INSERT INTO sync_documents (document_id, meeting_id, sha256, size, restricted, kind) VALUES ('d', 'm', ?, 10, 0, 'pack')").run('a'.repeat(64));
    const part = db.prepare('INSERT INTO sync_download_parts (document_id, byte_offset, bytes) VALUES (?, ?, ?)');
    part.run('d', 0, Buffer.from('hello'));
    expect(() => part.run('d', 0, Buffer.from('again'))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => part.run('d', 5, Buffer.alloc(0))).toThrow(/CHECK/);
    expect(() => part.run('missing', 0, Buffer.from('x'))).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM sync_documents WHERE document_id = 'd'").run();
    expect(db.prepare('SELECT count(*) AS n FROM sync_download_parts').get()).toEqual({ n: 0 });
    db.close();
  });
});
