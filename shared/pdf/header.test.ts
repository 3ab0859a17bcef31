import { describe, expect, it } from 'vitest';
import { hasPdfHeader } from './header';

describe('the %PDF- sniff', () => {
  it('looks where pdf.js looks: the header wholly within the first 1024 bytes, after any junk', () => {
    const at = (offset: number) => new Uint8Array([...new Uint8Array(offset).fill(0x20), ...new TextEncoder().encode('%PDF-1.7\n')]);
    expect(hasPdfHeader(at(0))).toBe(true);
    expect(hasPdfHeader(at(1019))).toBe(true);
    expect(hasPdfHeader(at(1020))).toBe(false);
    expect(hasPdfHeader(new TextEncoder().encode('%PDF'))).toBe(false);
    expect(hasPdfHeader(new Uint8Array(0))).toBe(false);
  });
});
