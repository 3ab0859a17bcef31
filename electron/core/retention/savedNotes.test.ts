import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/tempDir';
import { SavedNotes } from './savedNotes';

const markdown = { fileName: 'notes-2019-11-05.md', mimeType: 'text/markdown', data: Buffer.from('# My notes\n\nRaise the library closures').toString('base64') };

describe('saved notes on the disk', () => {
  it('are sealed under the data key: readable through it, not by another key, and not once altered', () => {
    const dir = makeTempDir();
    const key = randomBytes(32);
    new SavedNotes(dir, key).save('before-retention-2026-01-01T10-00-00-000Z', markdown, '2026-01-01T10:00:00.000Z', 'a-meeting');
    const [folder] = fs.readdirSync(dir);
    const [name] = fs.readdirSync(path.join(dir, folder ?? ''));
    const file = path.join(dir, folder ?? '', name ?? '');
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('library closures'))).toBe(false);
    expect(bytes.includes(Buffer.from('notes-2019-11-05'))).toBe(false);

    const listed = new SavedNotes(dir, key).list();
    expect(listed).toEqual([{ id: `${folder}/${name?.replace('.chamber-notes', '')}`, fileName: 'notes-2019-11-05.md', savedAt: '2026-01-01T10:00:00.000Z' }]);
    expect(new SavedNotes(dir, key).read(listed[0]?.id ?? '')).toEqual({ file: markdown, meetingId: 'a-meeting' });

    expect(new SavedNotes(dir, randomBytes(32)).list()).toEqual([]);
    const altered = Buffer.from(bytes);
    altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;
    fs.writeFileSync(file, altered);
    expect(new SavedNotes(dir, key).list()).toEqual([]);
    expect(() => new SavedNotes(dir, key).read(listed[0]?.id ?? '')).toThrow(/No saved notes/);
  });

  it('seals Markdown an older Chamber saved in the clear, and leaves nothing of it behind', () => {
    const dir = makeTempDir();
    const folder = path.join(dir, 'before-retention-2025-06-01T09-00-00-000Z');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'notes-2019-11-05.md'), '# My notes\n\nRaise the library closures');
    const key = randomBytes(32);
    const notes = new SavedNotes(dir, key);
    expect(notes.encryptLegacyFiles()).toBe(1);
    expect(notes.encryptLegacyFiles()).toBe(0);
    for (const name of fs.readdirSync(folder)) expect(fs.readFileSync(path.join(folder, name)).includes(Buffer.from('library closures'))).toBe(false);
    const [listed] = notes.list();
    expect(listed?.fileName).toBe('notes-2019-11-05.md');
    expect(Buffer.from(notes.read(listed?.id ?? '').file.data, 'base64').toString('utf8')).toContain('Raise the library closures');
  });
});
