import { describe, expect, it } from 'vitest';
import { readPlace, savePlace } from './readingPlace';

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('reading place', () => {
  it('reopens each pack on the page it was left on', () => {
    const s = memory();
    savePlace('pack-a', 21, s);
    savePlace('pack-b', 3, s);
    expect(readPlace('pack-a', 40, s)).toBe(21);
    expect(readPlace('pack-b', 40, s)).toBe(3);
    expect(readPlace('pack-c', 40, s)).toBeNull();
  });

  it('ignores a place the pack no longer has', () => {
    const s = memory();
    savePlace('pack-a', 41, s);
    expect(readPlace('pack-a', 40, s)).toBeNull();
    s.setItem('chamber.reader.place.pack-a', 'nonsense');
    expect(readPlace('pack-a', 40, s)).toBeNull();
  });
});
