/**
 * Writes the sample agenda packs: `npx tsx tools/sample-packs/cli.ts <outDir>`.
 * `--large <pages>` additionally writes a synthetic benchmark pack of that many pages.
 */
import path from 'node:path';
import { generateLargePack, generateSamplePacks } from './generate';

function usage(): never {
  console.error('usage: tsx tools/sample-packs/cli.ts <outDir> [--large <pages>]...');
  process.exit(2);
}

async function main(args: string[]): Promise<void> {
  const outDir = args[0];
  if (!outDir || outDir.startsWith('-')) usage();
  const large: number[] = [];
  for (let i = 1; i < args.length; i += 2) {
    const count = Number(args[i + 1]);
    if (args[i] !== '--large' || !Number.isInteger(count) || count < 2) usage();
    large.push(count);
  }
  const started = Date.now();
  const manifest = await generateSamplePacks(outDir);
  for (const pack of manifest.packs) console.log(`${path.join(outDir, pack.file)}  ${pack.pageCount} pages`);
  for (const count of large) {
    const file = path.join(outDir, `large-${count}.pdf`);
    await generateLargePack(file, count);
    console.log(`${file}  ${count} pages`);
  }
  console.log(`${path.join(outDir, 'manifest.json')}  (${Date.now() - started} ms)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
