import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../electron/core/testing/tempDir';
import { findElectronBinary } from './electron-binary.mjs';

describe('findElectronBinary', () => {
  it('honours ELECTRON_OVERRIDE_DIST_PATH when the binary is there', () => {
    const dir = makeTempDir();
    const relative = fs.existsSync('node_modules/electron/path.txt') ? fs.readFileSync('node_modules/electron/path.txt', 'utf8').trim() : 'electron';
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), '');
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toEqual({ found: true, path: path.join(dir, relative) });
  });

  it('says why when the override points at nothing, without starting a download', () => {
    const result = findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: makeTempDir() });
    expect(result.found).toBe(false);
    if (!result.found) expect(result.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
    expect(fs.existsSync('node_modules/electron/dist') && !fs.existsSync('node_modules/electron/path.txt')).toBe(false);
  });
});
