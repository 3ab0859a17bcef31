import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };
const load = (lng: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `${lng}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKeys = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(pluralSuffix, '')));
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

/** Strings that are rightly the same in both languages (the product name is not translated). */
// Unit symbols (MB) are the same in Welsh.
const sameInBoth = (key: string) => key === 'app.name' || key.startsWith('dates.pattern.') || key === 'storage.megabytes';
/** Placeholders and punctuation only ("“{{quote}}” ({{reference}})"): no words to translate. */
const wordless = (value: string) => value.replace(/\{\{[^}]+\}\}/g, '').replace(/[\s\p{P}]/gu, '') === '';

const en = flatten(load('en-GB'));
const cy = flatten(load('cy'));

describe('translations', () => {
  it('cover the same keys in English and Welsh', () => {
    expect([...baseKeys(cy.keys())].sort()).toEqual([...baseKeys(en.keys())].sort());
  });

  it.each([
    ['en-GB', en],
    ['cy', cy],
  ] as const)('%s has every plural form its language needs', (lng, strings) => {
    const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
    const plurals = new Set([...strings.keys()].filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, '')));
    for (const base of plurals) {
      for (const form of forms) expect(strings.has(`${base}_${form}`), `${lng}: ${base}_${form}`).toBe(true);
    }
  });

  it('has no empty strings', () => {
    for (const [lng, strings] of [['en-GB', en], ['cy', cy]] as const) {
      for (const [key, value] of strings) expect(value.trim(), `${lng}: ${key}`).not.toBe('');
    }
  });

  it('is really translated: Welsh differs from English except where it should not', () => {
    for (const [key, value] of cy) {
      const english = en.get(key) ?? en.get(key.replace(pluralSuffix, '_other'));
      if (sameInBoth(key) || wordless(english ?? '')) continue;
      expect(value, `cy ${key} is identical to English`).not.toBe(english);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    for (const [key, value] of cy) {
      const english = en.get(key) ?? en.get(key.replace(pluralSuffix, '_other')) ?? '';
      const cyPlaceholders = placeholders(value);
      // Welsh zero forms may say "dim" instead of printing the number.
      if (key.endsWith('_zero')) continue;
      expect(cyPlaceholders, key).toEqual(placeholders(english));
    }
  });

  it('translates every error code the core can return', async () => {
    const { errorCodes } = await import('../../shared/result');
    for (const code of errorCodes) {
      expect(en.has(`errors.${code}`), `en-GB errors.${code}`).toBe(true);
      expect(cy.has(`errors.${code}`), `cy errors.${code}`).toBe(true);
    }
  });

  it('translates every declaration rule the core and the forms can report', async () => {
    const { declarationIssueCodes } = await import('../../shared/declarations/rules');
    for (const code of declarationIssueCodes) {
      expect(en.has(`declarations.${code}`), `en-GB declarations.${code}`).toBe(true);
      expect(cy.has(`declarations.${code}`), `cy declarations.${code}`).toBe(true);
    }
  });

  it('translates every import error and structure warning the core can report', async () => {
    const { importErrorCodes } = await import('../../electron/core/packs/importError');
    const { structureWarningCodes } = await import('../../shared/domain/pack');
    for (const strings of [en, cy]) {
      for (const code of importErrorCodes) expect(strings.has(`importErrors.${code}`), `importErrors.${code}`).toBe(true);
      for (const code of structureWarningCodes) expect(strings.has(`pack.warnings.${code}`), `pack.warnings.${code}`).toBe(true);
    }
  });
});
