import cy from '../../../../resources/locales/cy.json' with { type: 'json' };
import enGB from '../../../../resources/locales/en-GB.json' with { type: 'json' };
import type { MinutesLanguage, Phrase } from '../../../../shared/minutes/layout';

type Tree = { [key: string]: string | Tree };

const roots: Record<MinutesLanguage, Tree> = { 'en-GB': enGB, cy };

/**
 * Phrases under one namespace of the app's own locale files (`dates.*` always from the root), so
 * exports use the same reviewed English and Welsh as the screens. A missing key shows as the key
 * itself (and the locales test catches it) rather than failing an export.
 */
export function localePhrases(language: MinutesLanguage, namespace: string): Phrase {
  const root = roots[language];
  return (key, values = {}) => {
    const path = key.startsWith('dates.') ? key : `${namespace}.${key}`;
    let node: string | Tree | undefined = root;
    for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    const template = typeof node === 'string' ? node : path;
    return template.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}

/** The `minutes.*` phrases the minutes are laid out with. */
export const minutesPhrases = (language: MinutesLanguage): Phrase => localePhrases(language, 'minutes');
