import fs from 'node:fs';
import path from 'node:path';
import type { SamplePack, SamplePackManifest } from '../../../tools/sample-packs/manifest';
import { distDir } from './tempDir';

/** The packs the build typeset from the seeds, with their ground truth. */
export const samplePackDir = path.join(distDir, 'sample-packs');

export function sampleManifest(): SamplePackManifest {
  return JSON.parse(fs.readFileSync(path.join(samplePackDir, 'manifest.json'), 'utf8')) as SamplePackManifest;
}

export function samplePack(predicate: (pack: SamplePack) => boolean): SamplePack & { path: string } {
  const pack = sampleManifest().packs.find(predicate);
  if (!pack) throw new Error('no such sample pack');
  return { ...pack, path: path.join(samplePackDir, pack.file) };
}

export const january2022 = () => samplePack((p) => p.meeting?.date === '2022-01-17' && !p.revisions && p.language === 'en-GB');
export const january2022Revised = () => samplePack((p) => p.meeting?.date === '2022-01-17' && p.revisions !== undefined);
export const november2019 = () => samplePack((p) => p.meeting?.date === '2019-11-05');
export const noAgendaTable = () => samplePack((p) => p.frontSheetPdfPages === null);
